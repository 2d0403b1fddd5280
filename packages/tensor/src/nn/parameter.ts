import { numel, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';

/** A tensor that is a module's learnable weight: it requires grad and is found by parameters(). */
export class Parameter extends Tensor {
  constructor(data: Tensor | Float32Array, shape?: Shape) {
    if (data instanceof Tensor) {
      super(data.data, data.shape, 'float32', true);
    } else {
      super(data, shape ?? [data.length], 'float32', true);
    }
  }

  static empty(shape: Shape): Parameter {
    return new Parameter(new Float32Array(numel(shape)), shape);
  }
}

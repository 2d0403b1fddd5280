/**
 * Reverse-mode automatic differentiation. Every op that reads a tensor requiring grad
 * records a GradFn on its output: the inputs and how to turn the output's gradient into
 * theirs. `backward()` walks those records from the output back to the leaves.
 */
import { allocate, release, trackAllocations } from './pool.js';
import { formatShape, sameShape } from './shape.js';
import type { Tensor } from './tensor.js';

/** Given dL/d(output), returns dL/d(input) for each input (null where no gradient flows). */
export type BackwardFn = (grad: Tensor) => ReadonlyArray<Tensor | null | undefined>;

export interface GradFn {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly backward: BackwardFn;
}

let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

export function setGradEnabled(enabled: boolean): void {
  gradEnabled = enabled;
}

/** Runs fn without recording gradients (like `with torch.no_grad():`). */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

let inferenceDepth = 0;
let inferenceEpoch = 0;

/**
 * Runs fn without recording gradients and with the promise that no tensor it reads is modified
 * in place meanwhile (as torch.inference_mode). Kernels may then keep prepared forms of their
 * inputs (the wasm backend keeps weight matrices packed) until the outermost call returns.
 */
export function inferenceMode<T>(fn: () => T): T {
  inferenceDepth++;
  try {
    return noGrad(fn);
  } finally {
    inferenceDepth--;
    if (inferenceDepth === 0) inferenceEpoch++;
  }
}

export function isInferenceMode(): boolean {
  return inferenceDepth > 0;
}

/** Changes whenever an outermost inferenceMode call ends: caches keyed by it expire then. */
export function currentInferenceEpoch(): number {
  return inferenceEpoch;
}

/** Runs fn with gradient recording on, even inside noGrad. */
export function enableGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = true;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/**
 * Marks `output` as computed by `name` from `inputs`, with `backward` giving each input's
 * gradient. Records nothing when grad mode is off or no input requires grad.
 * This is how every op in xf, and any fused op a package defines, joins autograd.
 */
export function recordOp(
  name: string,
  output: Tensor,
  inputs: readonly Tensor[],
  backward: BackwardFn,
): Tensor {
  if (gradEnabled && inputs.some((t) => t.requiresGrad)) {
    output.requiresGrad = true;
    output.gradFn = { name, inputs, backward };
  }
  return output;
}

/** Inputs of the graph below `root` in topological order (root last). */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, next] = top;
    const inputs = node.gradFn?.inputs ?? [];
    if (next < inputs.length) {
      top[1]++;
      const input = inputs[next];
      if (input.requiresGrad && !visited.has(input)) {
        visited.add(input);
        stack.push([input, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order;
}

/** Adds a gradient contribution. Arrays are never written in place: a backward fn may share them. */
function accumulate(into: Map<Tensor, Float32Array>, t: Tensor, g: Float32Array): void {
  const existing = into.get(t);
  if (!existing) {
    into.set(t, g);
    return;
  }
  const sum = allocate(g.length);
  for (let i = 0; i < g.length; i++) sum[i] = existing[i] + g[i];
  into.set(t, sum);
}

/**
 * Back-propagates from `root`. Leaves (tensors created by the user with requiresGrad)
 * accumulate into `.grad`; intermediate tensors keep theirs only after `retainGrad()`.
 */
export function runBackward(
  root: Tensor,
  gradient: Tensor | undefined,
  makeTensor: (data: Float32Array, shape: readonly number[]) => Tensor,
): void {
  if (!root.requiresGrad) {
    throw new Error(
      'backward: this tensor does not require grad and has no grad_fn ' +
        '(create its inputs with requiresGrad: true, and do not call it inside noGrad)',
    );
  }
  let seed: Float32Array;
  if (gradient === undefined) {
    if (root.numel() !== 1) {
      throw new Error(
        `backward: grad can be implicitly created only for scalar outputs, but this tensor has shape ${formatShape(root.shape)}; ` +
          'pass a gradient of the same shape: y.backward(gradient)',
      );
    }
    seed = new Float32Array([1]);
  } else {
    if (!sameShape(gradient.shape, root.shape)) {
      throw new Error(
        `backward: gradient has shape ${formatShape(gradient.shape)} but the tensor has shape ${formatShape(root.shape)}`,
      );
    }
    seed = gradient.data.slice();
  }

  const grads = new Map<Tensor, Float32Array>([[root, seed]]);
  const order = topologicalOrder(root);
  noGrad(() =>
    trackAllocations((ours) => {
      for (let i = order.length - 1; i >= 0; i--) {
        const node = order[i];
        const g = grads.get(node);
        if (!g) continue;
        grads.delete(node); // free memory as we go
        if (!node.gradFn || node.retainsGrad) {
          const prev = node.grad;
          if (prev) {
            const sum = prev.data.slice();
            for (let j = 0; j < g.length; j++) sum[j] += g[j];
            node.grad = makeTensor(sum, node.shape);
          } else {
            // the gradient array may be shared with other tensors' gradients: keep a copy
            node.grad = makeTensor(g.slice(), node.shape);
          }
        }
        const fn = node.gradFn;
        if (!fn) continue;
        const inputGrads = fn.backward(makeTensor(g, node.shape));
        fn.inputs.forEach((input, k) => {
          const ig = inputGrads[k];
          if (!ig || !input.requiresGrad) return;
          if (!sameShape(ig.shape, input.shape)) {
            throw new Error(
              `backward of ${fn.name}: gradient for input ${k} has shape ${formatShape(ig.shape)}, ` +
                `expected ${formatShape(input.shape)}`,
            );
          }
          accumulate(grads, input, ig.data);
        });
        // g is done with: reuse its buffer if this pass allocated it and nothing still holds it
        if (ours.has(g) && !inputGrads.some((ig) => ig?.data === g) && !holds(grads, g)) release(g);
      }
    }),
  );
}

function holds(grads: Map<Tensor, Float32Array>, buffer: Float32Array): boolean {
  for (const value of grads.values()) if (value === buffer) return true;
  return false;
}

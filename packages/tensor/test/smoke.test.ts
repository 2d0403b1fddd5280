import { describe, expect, it } from 'vitest';
import { tensor, testing } from '../src/index.js';

describe('backends', () => {
  for (const config of testing.backendConfigs()) {
    it(`adds on ${config.label}`, () => {
      config.use();
      const y = tensor([1, 2, 3]).add(tensor([[1], [2]]));
      expect(y.toArray()).toEqual([[2, 3, 4], [3, 4, 5]]);
    });
  }
});

import {
  arange,
  cos,
  exp,
  mul,
  nn,
  setBackend,
  sin,
  type Tensor,
  tensor,
  testing,
  zeros,
} from '@xf/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { SinusoidalPositionalEncoding, sinusoidalTable } from '../src/index.js';
import { configs, onJs, sample } from './helpers.js';

afterEach(() => setBackend('js'));

/** The table the usual way: position column times a row of frequencies, sin/cos interleaved. */
function composedTable(maxLen: number, dModel: number): Tensor {
  const position = arange(0, maxLen, 1, { dtype: 'float32' }).reshape([maxLen, 1]);
  const freq = exp(mul(arange(0, dModel, 2, { dtype: 'float32' }), -Math.log(10000) / dModel));
  const angles = mul(position, freq);
  // interleave [maxLen, d/2] sines and cosines into [maxLen, d]
  const s = sin(angles).reshape([maxLen, dModel / 2, 1]);
  const c = cos(angles).reshape([maxLen, dModel / 2, 1]);
  const pe = zeros([maxLen, dModel / 2, 2]);
  for (let i = 0; i < maxLen * (dModel / 2); i++) {
    pe.data[2 * i] = s.data[i];
    pe.data[2 * i + 1] = c.data[i];
  }
  return pe.reshape([maxLen, dModel]);
}

describe('sinusoidalTable', () => {
  it('first rows by hand (dModel 4: frequencies 1 and 1/100)', () => {
    const pe = sinusoidalTable(3, 4);
    expect(pe.shape).toEqual([3, 4]);
    testing.assertClose(
      pe.data,
      [
        [0, 1, 0, 1],
        [0.8414709848, 0.5403023059, 0.0099998333, 0.99995],
        [0.9092974268, -0.4161468365, 0.0199986667, 0.999800007],
      ].flat(),
      { atol: 1e-7 },
    );
  });

  it('dModel 6: PE[1, 2] = sin(10000^(-1/3)) = sin(0.0464159)', () => {
    const pe = sinusoidalTable(2, 6);
    expect(pe.data[6 + 2]).toBeCloseTo(Math.sin(0.046415888336127774), 7);
    expect(pe.data[6 + 5]).toBeCloseTo(Math.cos(0.002154434690031882), 7);
  });

  it('equals the composed formula', () => {
    testing.assertClose(sinusoidalTable(64, 16), composedTable(64, 16), { atol: 1e-4 });
  });

  it('stays exact far down the table (angles in double precision)', () => {
    const pe = sinusoidalTable(3000, 2);
    expect(pe.data[2999 * 2]).toBeCloseTo(Math.sin(2999), 6);
    expect(pe.data[2999 * 2 + 1]).toBeCloseTo(Math.cos(2999), 6);
  });

  it('an odd dModel ends on a sine column; base changes the wavelengths', () => {
    const pe = sinusoidalTable(2, 3);
    expect(pe.data[3 + 2]).toBeCloseTo(Math.sin(1 / 10000 ** (2 / 3)), 7);
    expect(sinusoidalTable(2, 2, { base: 100 }).data[2]).toBeCloseTo(Math.sin(1), 7);
    expect(sinusoidalTable(2, 4, { base: 100 }).data[4 + 2]).toBeCloseTo(Math.sin(0.1), 7);
  });

  it('names bad arguments', () => {
    expect(() => sinusoidalTable(0, 4)).toThrow(
      'sinusoidalTable: maxLen must be a positive integer, got 0',
    );
    expect(() => sinusoidalTable(4, 2.5)).toThrow(
      'sinusoidalTable: dModel must be a positive integer, got 2.5',
    );
    expect(() => sinusoidalTable(4, 4, { base: -1 })).toThrow(
      'sinusoidalTable: base must be a positive number, got -1',
    );
  });
});

describe('SinusoidalPositionalEncoding', () => {
  it('adds the table rows to each sequence in the batch, and keeps no state', () => {
    const pe = new SinusoidalPositionalEncoding(4, { maxLen: 10 }).eval();
    const x = sample([2, 3, 4], 1);
    const table = sinusoidalTable(3, 4);
    testing.assertClose(pe.forward(x), x.add(table));
    expect(pe.stateDict()).toEqual({});
    expect(pe.namedBuffers().map(([name, t]) => [name, t.shape])).toEqual([['pe', [10, 4]]]);
  });

  it('an offset continues the positions (incremental decoding)', () => {
    const pe = new SinusoidalPositionalEncoding(8, { maxLen: 20, dropout: 0 });
    const x = sample([1, 5, 8], 2);
    const whole = pe.forward(x);
    const last = pe.forward(x.narrow(1, 3, 2), 3);
    testing.assertClose(last, whole.narrow(1, 3, 2));
  });

  it('works on an unbatched [seq, dModel] input; gradient passes straight through', () => {
    const pe = new SinusoidalPositionalEncoding(4, { dropout: 0 });
    const x = sample([3, 4], 3, true);
    const g = sample([3, 4], 4);
    pe.forward(x).backward(g);
    testing.assertClose(x.grad!, g);
  });

  it('dropout acts only in training', () => {
    const pe = new SinusoidalPositionalEncoding(16, { dropout: 0.5 });
    const x = zeros([4, 16]);
    const trained = pe.forward(x);
    expect(Array.from(trained.data).some((v) => v === 0)).toBe(true);
    pe.eval();
    testing.assertClose(pe.forward(x), sinusoidalTable(4, 16));
  });

  it('defaults as the PyTorch tutorial: maxLen 5000, dropout 0.1', () => {
    const pe = new SinusoidalPositionalEncoding(2);
    expect(pe.maxLen).toBe(5000);
    expect(pe.dropout).toBeInstanceOf(nn.Dropout);
    expect(pe.dropout.p).toBe(0.1);
  });

  for (const config of configs) {
    it(`same values on ${config.label}`, () => {
      const run = () =>
        new SinusoidalPositionalEncoding(6, { maxLen: 8, dropout: 0 }).forward(
          sample([2, 8, 6], 5),
        );
      const ref = onJs(run);
      config.use();
      testing.assertClose(run(), ref, { atol: 1e-6 });
    });
  }

  describe('bad input', () => {
    const pe = new SinusoidalPositionalEncoding(4, { maxLen: 10 });
    it('names a sequence longer than maxLen', () => {
      expect(() => pe.forward(zeros([2, 11, 4]))).toThrow(
        'SinusoidalPositionalEncoding: a sequence of length 11 at offset 0 needs positions up to 10, but maxLen = 10 (positions 0..9); raise maxLen',
      );
      expect(() => pe.forward(zeros([1, 3, 4]), 8)).toThrow(
        'a sequence of length 3 at offset 8 needs positions up to 10',
      );
    });
    it('names a wrong dModel or rank', () => {
      expect(() => pe.forward(zeros([2, 3, 5]))).toThrow(
        'SinusoidalPositionalEncoding: input of shape [2, 3, 5] must be [..., seq, dModel] with dModel = 4',
      );
      expect(() => pe.forward(tensor([1, 2, 3, 4]))).toThrow(
        'input of shape [4] must be [..., seq, dModel]',
      );
    });
    it('names a bad offset', () => {
      expect(() => pe.forward(zeros([2, 4]), -1)).toThrow(
        'SinusoidalPositionalEncoding: offset must be a non-negative integer, got -1',
      );
    });
  });
});

/** safetensors files on disk: written atomically, read with every check of decodeSafetensors. */
import { readFileSync } from 'node:fs';
import type { Tensor } from '@xf/tensor';
import { decodeSafetensors, type Safetensors } from '../safetensors/decode.js';
import { encodeSafetensors } from '../safetensors/encode.js';
import { writeFileAtomic } from './atomic.js';

export function saveSafetensors(
  path: string,
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

export function loadSafetensors(path: string): Safetensors {
  return decodeSafetensors(readFileSync(path), { fileName: path });
}

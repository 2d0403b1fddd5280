/**
 * A checkpoint from files the user picked: a whole run folder (latest.json says which
 * checkpoint is newest) or one checkpoint's own files. Decoded with @xf/trainer's
 * decodeCheckpoint, which checks sizes and checksums.
 */
import { type Checkpoint, type CheckpointFiles, decodeCheckpoint, SIDECAR } from '@xf/trainer';

interface Picked {
  dir: string;
  name: string;
  file: File;
}

function picked(files: FileList): Picked[] {
  return [...files].map((file) => {
    const path = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
    const parts = path.split('/');
    return { dir: parts.slice(0, -1).join('/'), name: parts[parts.length - 1], file };
  });
}

/** The folder of the checkpoint to load: the one latest.json names, else the highest step. */
async function chooseDir(all: Picked[]): Promise<string> {
  const pointer = all.find((p) => p.name === 'latest.json');
  if (pointer) {
    const { checkpoint } = JSON.parse(await pointer.file.text()) as { checkpoint?: string };
    if (typeof checkpoint === 'string')
      return pointer.dir ? `${pointer.dir}/${checkpoint}` : checkpoint;
  }
  const candidates = all.filter((p) => p.name === SIDECAR).map((p) => p.dir);
  if (candidates.length === 0) {
    throw new Error(
      `no ${SIDECAR} among the picked files: pick a run folder or a checkpoint's files`,
    );
  }
  const step = (dir: string) => Number(/step-(\d+)/.exec(dir)?.[1] ?? -1);
  return candidates.sort((a, b) => step(b) - step(a))[0];
}

export async function checkpointFromFiles(files: FileList): Promise<Checkpoint> {
  const all = picked(files);
  const dir = await chooseDir(all);
  const bytes: CheckpointFiles = {};
  for (const p of all.filter((q) => q.dir === dir)) {
    bytes[p.name] = new Uint8Array(await p.file.arrayBuffer());
  }
  return decodeCheckpoint(bytes);
}

/** Compares two byte strings as trainBpe does: by their bytes, a prefix first. */
function compareBytes(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function trainMerges(
  words: number[][],
  numMerges: number,
): { left: number; right: number; id: number }[] {
  const bytes: number[][] = Array.from({ length: 256 }, (_, b) => [b]);
  let current = words.map((w) => [...w]);
  const merges: { left: number; right: number; id: number }[] = [];
  for (let step = 0; step < numMerges; step++) {
    const counts = new Map<string, number>();
    for (const w of current) {
      for (let i = 0; i + 1 < w.length; i++) {
        const key = `${w[i]},${w[i + 1]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    let best: { left: number; right: number; count: number } | null = null;
    for (const [key, count] of counts) {
      const [left, right] = key.split(',').map(Number);
      const order =
        best === null
          ? 1
          : count - best.count ||
            compareBytes(bytes[left], bytes[best.left]) ||
            compareBytes(bytes[right], bytes[best.right]);
      if (order > 0) best = { left, right, count };
    }
    if (best === null) break;
    const id = bytes.length;
    bytes.push([...bytes[best.left], ...bytes[best.right]]);
    merges.push({ left: best.left, right: best.right, id });
    const { left, right } = best;
    current = current.map((w) => {
      const out: number[] = [];
      for (let i = 0; i < w.length; i++) {
        if (w[i] === left && i + 1 < w.length && w[i + 1] === right) {
          out.push(id);
          i++;
        } else out.push(w[i]);
      }
      return out;
    });
  }
  return merges;
}

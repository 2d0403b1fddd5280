export function mostFrequentPair(
  words: number[][],
): { left: number; right: number; count: number } | null {
  const counts = new Map<string, number>();
  for (const word of words) {
    for (let i = 0; i + 1 < word.length; i++) {
      const key = `${word[i]},${word[i + 1]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  let best: { left: number; right: number; count: number } | null = null;
  for (const [key, count] of counts) {
    const [left, right] = key.split(',').map(Number);
    const better =
      best === null ||
      count > best.count ||
      (count === best.count && (left > best.left || (left === best.left && right > best.right)));
    if (better) best = { left, right, count };
  }
  return best;
}

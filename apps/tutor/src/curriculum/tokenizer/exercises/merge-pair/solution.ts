export function mergePair(ids: number[], left: number, right: number, newId: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] === left && i + 1 < ids.length && ids[i + 1] === right) {
      out.push(newId);
      i++; // the right token is used up
    } else {
      out.push(ids[i]);
    }
  }
  return out;
}

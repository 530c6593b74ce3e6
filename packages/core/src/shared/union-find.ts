/** Disjoint sets over 0..size−1, with path compression: `union(a, b)`, then `find(x)` names x's set. */
export function unionFind(size: number): {
  readonly find: (x: number) => number;
  readonly union: (a: number, b: number) => void;
} {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[x] !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[rb] = ra;
  };
  return { find, union };
}

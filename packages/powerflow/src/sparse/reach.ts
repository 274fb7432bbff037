// Nonzero pattern of the solution of a sparse triangular system L x = b, after
// J. R. Gilbert, T. Peierls (SIAM J. Sci. Stat. Comput. 9(5), 1988): x_i can be nonzero only
// if row i is reachable from a nonzero of b in the graph of L, where a pivotal row i (column
// pinv[i] of L is complete) has an edge to every row of that column. A depth-first search from
// each nonzero of b, finishing nodes from the top of `out` downwards, leaves the reached rows in
// a topological order (reverse postorder): each row comes before every row it updates.
// The search is iterative, so its depth is bounded by memory, not by the call stack.

/**
 * Writes the reached rows to out[top .. n-1] in topological order and returns top.
 * flag[v] === stamp marks v visited (the caller changes stamp per column instead of clearing);
 * stack and pos are workspaces of n.
 */
export function reach(
  n: number,
  lp: Int32Array,
  li: Int32Array,
  pinv: Int32Array,
  bRows: Int32Array,
  bStart: number,
  bEnd: number,
  flag: Int32Array,
  stamp: number,
  stack: Int32Array,
  pos: Int32Array,
  out: Int32Array,
): number {
  let top = n;
  for (let p = bStart; p < bEnd; p++) {
    const root = bRows[p]!;
    if (flag[root] === stamp) continue;
    flag[root] = stamp;
    stack[0] = root;
    const c0 = pinv[root]!;
    pos[0] = c0 >= 0 ? lp[c0]! : 0;
    let sp = 0;
    while (sp >= 0) {
      const v = stack[sp]!;
      const c = pinv[v]!;
      const end = c >= 0 ? lp[c + 1]! : 0;
      let q = pos[sp]!;
      let child = -1;
      while (q < end) {
        const u = li[q++]!;
        if (flag[u] !== stamp) {
          child = u;
          break;
        }
      }
      if (child >= 0) {
        pos[sp] = q;
        flag[child] = stamp;
        const cc = pinv[child]!;
        sp++;
        stack[sp] = child;
        pos[sp] = cc >= 0 ? lp[cc]! : 0;
      } else {
        sp--;
        out[--top] = v;
      }
    }
  }
  return top;
}

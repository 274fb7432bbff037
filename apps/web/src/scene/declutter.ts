// Which of the labels on screen to show when they overlap, and where: the most important first,
// each at the first of its places (a point label has one; a label along a line a few along it,
// then beside it)
// whose rectangle comes within `gap` px of no label already placed; a label with no free place
// is hidden. Greedy by rank, so a district without supply beats a quiet one and a big district
// a small one. Scratch arrays are the caller's, so a pass allocates nothing.

/** places a label may take at most */
export const MAX_PLACES = 17;

export interface DeclutterScratch {
  /** per candidate and place: x, y, width, height (px), at 4 × (MAX_PLACES × k + p) */
  box: Float64Array;
  /** per candidate, how many places it has (≥ 1) */
  places: Uint8Array;
  rank: Float64Array;
  order: Int32Array;
  /** per candidate, the place it takes, −1 where hidden */
  chosen: Int8Array;
}

export function declutterScratch(capacity: number): DeclutterScratch {
  return {
    box: new Float64Array(4 * MAX_PLACES * capacity),
    places: new Uint8Array(capacity),
    rank: new Float64Array(capacity),
    order: new Int32Array(capacity),
    chosen: new Int8Array(capacity),
  };
}

/** The scratch, grown to hold n candidates (a new one only when it is too small). */
export function ensureCapacity(s: DeclutterScratch, n: number): DeclutterScratch {
  return s.rank.length >= n ? s : declutterScratch(Math.max(n, 2 * s.rank.length));
}

/** Sets s.chosen for candidates 0 … n−1 (their boxes, places and ranks filled in). */
export function declutter(s: DeclutterScratch, n: number, gap: number): void {
  const { box, places, rank, order, chosen } = s;
  for (let k = 0; k < n; k++) order[k] = k;
  // by rank, ties in the order given (a stable sort keeps it deterministic)
  order.subarray(0, n).sort((a, b) => rank[b]! - rank[a]! || a - b);
  chosen.fill(-1, 0, n);
  for (let i = 0; i < n; i++) {
    const a = order[i]!;
    for (let p = 0; p < Math.max(1, places[a]!) && chosen[a] === -1; p++) {
      const o = 4 * (MAX_PLACES * a + p);
      const ax = box[o]! - gap;
      const ay = box[o + 1]! - gap;
      const ax2 = box[o]! + box[o + 2]! + gap;
      const ay2 = box[o + 1]! + box[o + 3]! + gap;
      let free = true;
      for (let j = 0; j < i && free; j++) {
        const b = order[j]!;
        if (chosen[b]! < 0) continue;
        const q = 4 * (MAX_PLACES * b + chosen[b]!);
        free =
          ax2 <= box[q]! ||
          box[q]! + box[q + 2]! <= ax ||
          ay2 <= box[q + 1]! ||
          box[q + 1]! + box[q + 3]! <= ay;
      }
      if (free) chosen[a] = p;
    }
  }
}

/**
 * The part of the screen segment a → b inside the rectangle [x0, x1] × [y0, y1] (Liang–Barsky),
 * as the fractions [t0, t1] along it written to out; false when none of it is inside.
 */
export function clipSegment(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  out: Float64Array,
): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  //   p · t ≤ q for each edge: left, right, top, bottom
  const p = [-dx, dx, -dy, dy];
  const q = [ax - x0, x1 - ax, ay - y0, y1 - ay];
  for (let k = 0; k < 4; k++) {
    const pk = p[k]!;
    const qk = q[k]!;
    if (pk === 0) {
      if (qk < 0) return false;
      continue;
    }
    const r = qk / pk;
    if (pk < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  out[0] = t0;
  out[1] = t1;
  return true;
}

// Picking in screen space: markers and lines are drawn a few pixels wide whatever the zoom, so
// they are picked by pixel distance, not by ray casts against their (zoom-dependent) geometry.
// Districts are picked on the ground plane. Pure helpers, no three.js state.

/** Squared pixel distance from p to the segment a–b. */
export function segmentDistance2(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  const qx = ax + t * dx - px;
  const qy = ay + t * dy - py;
  return qx * qx + qy * qy;
}

/** Where a ray from the camera meets the horizontal plane y = h, or null if it does not. */
export function rayPlaneY(
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  h: number,
): [number, number] | null {
  if (Math.abs(dy) < 1e-9) return null;
  const t = (h - oy) / dy;
  if (t <= 0) return null;
  return [ox + t * dx, oz + t * dz];
}

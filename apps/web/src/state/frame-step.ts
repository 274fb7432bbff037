// Where ← and → take the playhead: to the previous or next frame of the run, and with Shift a
// jump of a 60th of the run that still moves at least one frame. A fixed step cannot do both:
// frames come every 0.2 s for minutes after a trip and 30–60 s apart elsewhere, so one step
// jumps over many frames in the first case and lands on the same frame in the second (the
// server shows the last frame at or before the time asked for). Frame times come from the run's
// history (history.ts), which is indexed by tick, as the frame on screen is.
import type { RunHistory } from './history.ts';

/** s, the larger jump (Shift): a 60th of the run, at least 10 s */
export function jumpS(durationS: number): number {
  return Math.max(10, durationS / 60);
}

/** s of the nearest known frame after (direction 1) or before (−1) tick `tick`; null if none. */
export function adjacentFrameT(
  h: Pick<RunHistory, 't' | 'known' | 'count'>,
  tick: number,
  direction: 1 | -1,
): number | null {
  // ticks are seen in order, so the neighbour is almost always the next slot
  for (let k = tick + direction; k >= 0 && k < h.count; k += direction)
    if (h.known[k]) return h.t[k]!;
  return null;
}

/**
 * The time to seek to for a step from the frame on screen (`at`, null before the first). A
 * frame step goes to the neighbouring frame; where that frame is not known yet (a run still
 * being computed), it falls back on the jump. A jump goes at least to the neighbouring frame.
 */
export function stepTarget(
  h: Pick<RunHistory, 't' | 'known' | 'count'> | null,
  at: { tick: number; t: number } | null,
  direction: 1 | -1,
  jump: boolean,
  durationS: number,
): number {
  const t = at?.t ?? 0;
  const next = h && at ? adjacentFrameT(h, at.tick, direction) : null;
  const far = t + direction * jumpS(durationS);
  if (next === null) return far;
  if (!jump) return next;
  return direction > 0 ? Math.max(far, next) : Math.min(far, next);
}

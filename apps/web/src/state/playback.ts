// Playback of the run on screen, shared with every viewer of it through the server: play,
// pause, speed, seek, the playhead, and a what-if branched from the playhead.
import type { ScenarioEvent } from '@finest/scenario/schema';
import { appStore, logIndexAt, toast } from './app-store.ts';
import { sceneStore } from './scene-store.ts';
import { sessionStore } from './session-store.ts';

const runId = (): string | null => appStore.getState().run?.id ?? null;

export function play(): void {
  const id = runId();
  if (!id) return;
  sessionStore.getState().socket?.send({ type: 'play', runId: id });
  appStore.setState({ playing: true });
}

export function pause(): void {
  const id = runId();
  if (!id) return;
  sessionStore.getState().socket?.send({ type: 'pause', runId: id });
  appStore.setState({ playing: false });
}

export function togglePlay(): void {
  if (appStore.getState().playing) pause();
  else play();
}

export function setSpeed(speed: number): void {
  const id = runId();
  if (!id || !(speed > 0)) return;
  sessionStore.getState().socket?.send({ type: 'speed', runId: id, speed });
  appStore.setState({ speed });
}

export function seek(t: number): void {
  const s = appStore.getState();
  if (!s.run) return;
  const to = Math.max(0, Math.min(s.run.durationS, t));
  sessionStore.getState().socket?.send({ type: 'seek', runId: s.run.id, t: to });
  // the log follows the playhead at once; the scene follows when the frame arrives
  appStore.setState({ logIndex: logIndexAt(s.log, to) });
}

/** s of the playhead (the frame on screen) */
export function playhead(): number {
  return sceneStore.getState().frame?.t ?? 0;
}

/** A what-if: a new run equal to the current one up to now, with extra events from now on. */
export function branchWhatIf(events: ScenarioEvent[]): void {
  const id = runId();
  if (!id || events.length === 0) return;
  const atS = playhead();
  sessionStore.getState().socket?.send({
    type: 'branch',
    runId: id,
    atS,
    events: events.map((e) => ({ ...e, at: Math.max(e.at, atS) })),
  });
  toast(`What-if from ${Math.round(atS)} s requested`);
}

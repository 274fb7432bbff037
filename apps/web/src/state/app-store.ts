// The app's structural state: what React renders (scenario library, the current run, its log
// and KPIs, playback controls, open dialogs, wall mode). It changes on discrete events — a run
// starts, an event is passed, KPIs arrive — never per frame (that is scene-store.ts).
import { lastIndexAtOrBefore, type RunInfo } from '@finest/protocol';
import type { ScenarioSummary, RunListItem } from '@finest/protocol';
import type { LogEntry, RunKpis, ScenarioEvent } from '@finest/scenario/schema';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export type Connection = 'connecting' | 'open' | 'closed';
export type Dialog = 'editor' | 'compare' | 'whatif' | 'help' | 'about' | null;

/** an element picked on the map, by kind and id (the editor's rows take it) */
export type PickRef = { kind: string; id: string };

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export interface AppState {
  phase: 'loading' | 'ready' | 'error';
  loadError: string | null;
  connection: Connection;
  scenarios: ScenarioSummary[];
  runs: RunListItem[];
  /** the run on screen */
  run: RunInfo | null;
  runStatus: string;
  /** 0 … 1 computed */
  progress: number;
  playing: boolean;
  /** simulated s per wall-clock s */
  speed: number;
  /** the run's sequence of events as far as known, in time order (run-log.ts) */
  log: LogEntry[];
  /** entries of it the stream has sent since its last replace (run-log.ts) */
  logStreamed: number;
  /** index of the last entry at or before the playhead (−1 before the first) */
  logIndex: number;
  kpis: RunKpis | null;
  dialog: Dialog;
  wall: boolean;
  /** the editor waits for an element picked on the map */
  picking: boolean;
  /** who gets the element picked on the map (EventRows awaitPick / deliverPick) */
  pickHandler: ((ref: PickRef) => void) | null;
  /** id of the last toast shown */
  toastSeq: number;
  toasts: Toast[];
  /** events for a what-if, prepared in the what-if dialog */
  whatIfEvents: ScenarioEvent[];
}

export const appStore = createStore<AppState>()(() => ({
  phase: 'loading',
  loadError: null,
  connection: 'connecting',
  scenarios: [],
  runs: [],
  run: null,
  runStatus: '',
  progress: 0,
  playing: false,
  speed: 1,
  log: [],
  logStreamed: 0,
  logIndex: -1,
  kpis: null,
  dialog: null,
  wall: false,
  picking: false,
  pickHandler: null,
  toastSeq: 0,
  toasts: [],
  whatIfEvents: [],
}));

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}

export function toast(text: string, kind: Toast['kind'] = 'info'): void {
  const id = appStore.getState().toastSeq + 1;
  appStore.setState((s) => ({ toastSeq: id, toasts: [...s.toasts.slice(-3), { id, kind, text }] }));
  setTimeout(
    () => appStore.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    kind === 'error' ? 8000 : 4000,
  );
}

/** Index of the last log entry at or before t (entries in time order). */
export function logIndexAt(log: readonly LogEntry[], t: number): number {
  return lastIndexAtOrBefore(log.length, (i) => log[i]!.t, t);
}

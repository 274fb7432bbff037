// The session's own state, apart from what React renders (app-store.ts) and what the scene
// draws (scene-store.ts): the socket, the networks loaded, where the stream of the run on
// screen has got to and its history for the charts.
// A vanilla store: none of it is rendered, so nothing subscribes to it.
import { createStore } from 'zustand/vanilla';
import type { TwinSocket } from '../api/socket.ts';
import type { SceneModel } from '../scene/network-model.ts';
import type { RunHistory } from './history.ts';

export interface SessionState {
  booted: boolean;
  socket: TwinSocket | null;
  /** scene models by network id */
  networks: Map<string, SceneModel>;
  /** last tick seen of the run on screen, to resume after a reconnect */
  lastTick: number;
  /** the run whose frames were fetched after it was computed */
  framesFetched: string;
  /** the run's history (the charts read it; its `seq` says when it changed) */
  history: RunHistory | null;
}

export const sessionStore = createStore<SessionState>()(() => ({
  booted: false,
  socket: null,
  networks: new Map(),
  lastTick: -1,
  framesFetched: '',
  history: null,
}));

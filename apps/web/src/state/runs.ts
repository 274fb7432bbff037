// The run on screen: starting one, watching one (its maps onto the scene, its history and log),
// and what is fetched once it is fully computed.
import type { RunInfo } from '@finest/protocol';
import type { LogEntry, ScenarioInput } from '@finest/scenario/schema';
import { api } from '../api/rest.ts';
import { appStore, logIndexAt } from './app-store.ts';
import { loadNetwork, DEFAULT_NETWORK } from './networks.ts';
import { reportError } from './errors.ts';
import { RunHistory } from './history.ts';
import { addFetched, addStreamed, EMPTY_LOG } from './run-log.ts';
import { play, seek, setSpeed } from './playback.ts';
import { refreshRuns } from './lists.ts';
import { runMaps, speedFor } from './run-maps.ts';
import { sceneStore } from './scene-store.ts';
import { sessionStore } from './session-store.ts';

export async function setRun(run: RunInfo): Promise<void> {
  const model = await loadNetwork(run.layout.networkId || DEFAULT_NETWORK);
  const { districts } = sceneStore.getState();
  const maps = runMaps(
    run,
    model,
    districts.map((d) => d.substations),
  );
  sessionStore.setState({
    history: new RunHistory(run.id, maps.summary),
    lastTick: -1,
    framesFetched: '',
  });
  sceneStore.setState({ model, maps, frame: null, selected: null });
  appStore.setState({
    run,
    runStatus: run.status,
    ...EMPTY_LOG,
    logIndex: -1,
    kpis: null,
    progress: 0,
  });
  void loadLog(run.id);
}

async function loadLog(runId: string): Promise<void> {
  try {
    const entries = await api.log(runId);
    setLog(runId, entries, { streamed: false });
  } catch {
    // not computed yet: the stream's log messages fill it
  }
}

/**
 * Log entries for the run on screen: from the stream (`streamed`, a replace or the next ones)
 * or from REST (everything computed so far). One list, merged as prefixes (run-log.ts).
 */
export function setLog(
  runId: string,
  entries: LogEntry[],
  from: { streamed: true; replace: boolean } | { streamed: false },
): void {
  const s = appStore.getState();
  if (s.run?.id !== runId) return;
  const known = from.streamed ? addStreamed(s, entries, from.replace) : addFetched(s, entries);
  if (known.log === s.log && known.logStreamed === s.logStreamed) return;
  const logIndex = logIndexAt(known.log, sceneStore.getState().frame?.t ?? 0);
  appStore.setState({ ...known, logIndex });
}

export async function startScenario(scenarioId: string): Promise<void> {
  await start({ scenarioId });
}

export async function startInline(scenario: ScenarioInput): Promise<void> {
  await start({ scenario });
}

async function start(body: { scenarioId: string } | { scenario: ScenarioInput }): Promise<void> {
  try {
    const run = await api.startRun(body);
    await watchRun(run.id, run);
    setSpeed(speedFor(run.durationS, appStore.getState().wall ? 75 : 120));
    play();
  } catch (e) {
    reportError('Could not start the run', e);
  }
}

/** Shows a run: subscribes to its stream (and leaves the previous one). */
export async function watchRun(runId: string, info?: RunInfo): Promise<void> {
  const prev = appStore.getState().run;
  const socket = sessionStore.getState().socket;
  if (prev && prev.id !== runId) socket?.send({ type: 'unsubscribe', runId: prev.id });
  const run = info ?? (await api.run(runId)).run;
  await setRun(run);
  socket?.send({ type: 'subscribe', runId });
  void refreshRuns();
}

/** Watches a run and plays it from its branch time (a what-if) or its start. */
export async function playFrom(id: string, speed?: number): Promise<void> {
  try {
    await watchRun(id);
    const run = appStore.getState().run;
    if (!run || run.id !== id) return;
    seek(run.branchAtS ?? 0);
    setSpeed(speed ?? speedFor(run.durationS));
    play();
  } catch (e) {
    reportError('Could not show the run', e);
  }
}

/** When a run is fully computed: its full log, final KPIs and every frame for the charts. */
export async function afterComputed(runId: string): Promise<void> {
  if (sessionStore.getState().framesFetched === runId) return;
  sessionStore.setState({ framesFetched: runId });
  try {
    const [details, entries] = await Promise.all([api.run(runId), api.log(runId)]);
    if (appStore.getState().run?.id !== runId) return;
    appStore.setState({
      runStatus: details.status,
      ...(details.kpis ? { kpis: details.kpis } : {}),
    });
    setLog(runId, entries, { streamed: false });
    const frames = await api.frames(runId);
    const h = sessionStore.getState().history;
    if (h && h.runId === runId) for (const f of frames) h.add(f);
  } catch (e) {
    sessionStore.setState({ framesFetched: '' });
    console.warn('web/session: could not load the finished run', e);
  }
}

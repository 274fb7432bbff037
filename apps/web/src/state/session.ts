// The session: boots the app (network, geo layers, library, socket), starts and watches runs,
// and turns server messages into store updates. Frames go to the scene store and the run
// history; only discrete changes (a run, a passed event, KPIs, playback state) reach React.
import type { EncodedFrameHeader, RunInfo, ServerMessage } from '@finest/protocol';
import type { Frame, LogEntry, ScenarioEvent, ScenarioInput } from '@finest/scenario/schema';
import { ApiRequestError, api } from '../api/rest.ts';
import { socketUrl, TwinSocket } from '../api/socket.ts';
import { districtsFrom, type FeatureCollection } from '../geo/layers.ts';
import { readCityLayers } from '../geo/city-layers.ts';
import { plane } from '../geo/projection.ts';
import { buildCityModel } from '../scene/city/city-model.ts';
import type { GeoLayers } from '../scene/base-map.ts';
import {
  buildSceneModel,
  COUNTRIES,
  layoutIndex,
  type SceneModel,
} from '../scene/network-model.ts';
import { appStore, logIndexAt, mergeLog, toast } from './app-store.ts';
import { RunHistory } from './history.ts';
import { sceneStore, showFrame, type RunMaps } from './scene-store.ts';

export const DEFAULT_NETWORK = 'fi-ee';

/** The current run's history (charts read it; `seq` says when it changed). */
export let history: RunHistory | null = null;

let socket: TwinSocket | null = null;
const networks = new Map<string, SceneModel>();
/** last tick seen per run, to resume after a reconnect */
let lastTick = -1;
let framesFetched = '';
/** the run's complete log as REST gave it */
let fullLog: LogEntry[] = [];

function describe(e: unknown): string {
  if (e instanceof ApiRequestError)
    return e.issues.length > 0
      ? `${e.message}: ${e.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`
      : e.message;
  return e instanceof Error ? e.message : String(e);
}

export function reportError(what: string, e: unknown): void {
  toast(`${what}: ${describe(e)}`, 'error');
}

async function loadNetwork(id: string): Promise<SceneModel> {
  const known = networks.get(id);
  if (known) return known;
  const m = buildSceneModel(await api.network(id));
  networks.set(id, m);
  return m;
}

let booted = false;

export async function boot(): Promise<void> {
  if (booted) return;
  booted = true;
  try {
    const [model, land, coastline, borders, countries, hel, tln, buildings, fabric] =
      await Promise.all([
        loadNetwork(DEFAULT_NETWORK),
        api.geo('land'),
        api.geo('coastline'),
        api.geo('borders'),
        api.geo('countries'),
        api.geo('helsinki-districts'),
        api.geo('tallinn-districts'),
        api.geoJson('helsinki-buildings'),
        api.geoJson('city-fabric'),
      ]);
    const geo: GeoLayers = { land, coastline, borders, countries };
    const districts = [hel, tln].flatMap((fc: FeatureCollection) => districtsFrom(fc, plane));
    const city = buildCityModel(readCityLayers(buildings, fabric, plane), model);
    sceneStore.setState({ model, districts, geo, city });
    appStore.setState({ phase: 'ready' });
  } catch (e) {
    appStore.setState({ phase: 'error', loadError: describe(e) });
    return;
  }
  void refreshScenarios();
  void refreshRuns();
  connect();
}

export async function refreshScenarios(): Promise<void> {
  try {
    appStore.setState({ scenarios: await api.scenarios() });
  } catch (e) {
    reportError('Scenario library', e);
  }
}

export async function refreshRuns(): Promise<void> {
  try {
    appStore.setState({ runs: await api.runs() });
  } catch {
    // the list is a convenience for comparison; runs of this session are still known
  }
}

function connect(): void {
  socket = new TwinSocket(socketUrl(), {
    status: (connection) => appStore.setState({ connection }),
    reopened: () => {
      const run = appStore.getState().run;
      if (run) socket?.send({ type: 'subscribe', runId: run.id, fromTick: Math.max(0, lastTick) });
    },
    message: onMessage,
    frame: onFrame,
  });
  socket.connect();
}

/** Layout → scene maps for a run on a network. */
export function runMaps(run: RunInfo, model: SceneModel, districtFeeders: string[][]): RunMaps {
  const { layout } = run;
  const bus = layoutIndex(layout.busIds, model.busIndex);
  const layoutBus = new Map(layout.busIds.map((id, k) => [id, k]));
  const linkIdx: number[] = [];
  const linkNames: string[] = [];
  model.network.hvdcLinks
    .filter((l) => /estlink/i.test(l.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .forEach((l) => {
      linkIdx.push(layout.hvdcIds.indexOf(l.id));
      linkNames.push(l.name);
    });
  const branch = layoutIndex(layout.branchIds, model.branchIndex);
  const hvdc = layoutIndex(layout.hvdcIds, model.hvdcIndex);
  const generator = layoutIndex(layout.generatorIds, model.generatorIndex);
  const net = model.network;
  return {
    runId: run.id,
    bus,
    branch,
    hvdc,
    generator,
    busInv: invert(bus, net.buses.length),
    branchInv: invert(branch, net.branches.length),
    hvdcInv: invert(hvdc, net.hvdcLinks.length),
    generatorInv: invert(generator, net.generators.length),
    districtFeeders: districtFeeders.map((ids) =>
      Int32Array.from(ids, (id) => layoutBus.get(id) ?? -1),
    ),
    summary: {
      countries: COUNTRIES.length,
      busCountry: Int8Array.from(bus, (s) => (s < 0 ? -1 : model.busCountry[s]!)),
      links: Int32Array.from(linkIdx),
      areas: layout.areaIds.length,
    },
    linkNames,
    areaIds: layout.areaIds,
  };
}

/** scene → layout from layout → scene */
export function invert(map: Int32Array, n: number): Int32Array {
  const out = new Int32Array(n).fill(-1);
  map.forEach((s, i) => {
    if (s >= 0 && s < n) out[s] = i;
  });
  return out;
}

/** A playback speed that shows a run in about `seconds` of wall time, rounded to a nice step. */
export function speedFor(durationS: number, seconds = 120): number {
  const want = durationS / seconds;
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];
  return steps.find((s) => s >= want) ?? 3600;
}

async function setRun(run: RunInfo): Promise<void> {
  const model = await loadNetwork(run.layout.networkId || DEFAULT_NETWORK);
  const { districts } = sceneStore.getState();
  const maps = runMaps(
    run,
    model,
    districts.map((d) => d.substations),
  );
  history = new RunHistory(run.id, maps.summary);
  lastTick = -1;
  framesFetched = '';
  fullLog = [];
  sceneStore.setState({ model, maps, frame: null, selected: null });
  appStore.setState({
    run,
    runStatus: run.status,
    log: [],
    logIndex: -1,
    kpis: null,
    progress: 0,
    markers: [],
  });
  void loadMarkers(run);
  void loadLog(run.id);
}

async function loadMarkers(run: RunInfo): Promise<void> {
  // a what-if or an inline scenario has no stored copy: the log's entries mark the timeline
  if (!appStore.getState().scenarios.some((s) => s.id === run.scenarioId)) return;
  try {
    const { scenario } = await api.scenario(run.scenarioId);
    const markers = scenario.events
      .filter((e) => e.at > 0)
      .map((e) => ({ t: e.at, label: eventLabel(e) }));
    if (appStore.getState().run?.id === run.id) appStore.setState({ markers });
  } catch {
    // an inline scenario has no stored copy: the log's entries still mark the timeline
  }
}

export function eventLabel(e: ScenarioEvent): string {
  switch (e.type) {
    case 'trip':
    case 'restore':
      return `${e.type} ${e.element.kind} ${e.element.id}`;
    case 'derate':
      return `derate ${e.generator} to ${e.PmaxMW} MW`;
    case 'set-hvdc':
      return `set ${e.link} to ${e.MW} MW`;
    case 'scale-demand':
      return `demand ${e.scope.country ?? e.scope.area} ${e.factor !== undefined ? `×${e.factor}` : `${e.temperatureDeltaC} °C`}`;
    case 'activate-reserve':
      return `reserve ${e.name} ${e.MW} MW`;
    case 'redispatch':
      return `redispatch ${e.generator} to ${e.MW} MW`;
  }
}

async function loadLog(runId: string): Promise<void> {
  try {
    const entries = await api.log(runId);
    setLog(runId, entries, false, true);
  } catch {
    // not computed yet: the stream's log messages fill it
  }
}

function setLog(runId: string, entries: LogEntry[], replace: boolean, full = false): void {
  const s = appStore.getState();
  if (s.run?.id !== runId) return;
  if (full) fullLog = entries;
  // a replace resets what the stream sent; the complete log from REST always stays
  const log = mergeLog(replace ? fullLog : s.log, entries);
  appStore.setState({ log, logIndex: logIndexAt(log, sceneStore.getState().frame?.t ?? 0) });
}

function onMessage(m: ServerMessage): void {
  const s = appStore.getState();
  switch (m.type) {
    case 'run':
      if (s.run?.id !== m.run.id) void setRun(m.run);
      return;
    case 'run-created':
      // a what-if branch we asked for: watch it from where it leaves its parent
      if (m.parentRunId && m.parentRunId === s.run?.id) void playFrom(m.runId, s.speed);
      return;
    case 'log':
      setLog(m.runId, m.entries, m.replace === true);
      return;
    case 'kpis':
      if (m.runId === s.run?.id) appStore.setState({ kpis: m.kpis });
      return;
    case 'progress':
      if (m.runId !== s.run?.id) return;
      appStore.setState({ progress: m.fraction });
      if (m.fraction >= 1) void afterComputed(m.runId);
      return;
    case 'state':
      if (m.runId !== s.run?.id) return;
      if (s.playing !== m.playing || s.speed !== m.speed)
        appStore.setState({ playing: m.playing, speed: m.speed });
      return;
    case 'end':
      if (m.runId !== s.run?.id) return;
      appStore.setState({ playing: false });
      void afterComputed(m.runId);
      return;
    case 'error':
      toast(`${m.message} (${m.code})`, 'error');
      return;
    case 'welcome':
    case 'pong':
      return;
  }
}

/** When a run is fully computed: its full log, final KPIs and every frame for the charts. */
async function afterComputed(runId: string): Promise<void> {
  if (framesFetched === runId) return;
  framesFetched = runId;
  try {
    const [details, entries] = await Promise.all([api.run(runId), api.log(runId)]);
    if (appStore.getState().run?.id !== runId) return;
    appStore.setState({
      runStatus: details.status,
      ...(details.kpis ? { kpis: details.kpis } : {}),
    });
    setLog(runId, entries, false, true);
    const frames = await api.frames(runId);
    const h = history;
    if (h && h.runId === runId) for (const f of frames) h.add(f);
  } catch (e) {
    framesFetched = '';
    console.warn('web/session: could not load the finished run', e);
  }
}

function onFrame(head: EncodedFrameHeader, frame: Frame): void {
  const s = appStore.getState();
  if (head.runId !== s.run?.id) return;
  lastTick = Math.max(lastTick, head.tick);
  history?.add(frame);
  showFrame(frame);
  const k = logIndexAt(s.log, frame.t);
  if (k !== s.logIndex) appStore.setState({ logIndex: k });
}

// ── controls ───────────────────────────────────────────────────────────────────────────────

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

const runId = (): string | null => appStore.getState().run?.id ?? null;

export function play(): void {
  const id = runId();
  if (!id) return;
  socket?.send({ type: 'play', runId: id });
  appStore.setState({ playing: true });
}

export function pause(): void {
  const id = runId();
  if (!id) return;
  socket?.send({ type: 'pause', runId: id });
  appStore.setState({ playing: false });
}

export function togglePlay(): void {
  if (appStore.getState().playing) pause();
  else play();
}

export function setSpeed(speed: number): void {
  const id = runId();
  if (!id || !(speed > 0)) return;
  socket?.send({ type: 'speed', runId: id, speed });
  appStore.setState({ speed });
}

export function seek(t: number): void {
  const s = appStore.getState();
  if (!s.run) return;
  const to = Math.max(0, Math.min(s.run.durationS, t));
  socket?.send({ type: 'seek', runId: s.run.id, t: to });
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
  socket?.send({
    type: 'branch',
    runId: id,
    atS,
    events: events.map((e) => ({ ...e, at: Math.max(e.at, atS) })),
  });
  toast(`What-if from ${Math.round(atS)} s requested`);
}

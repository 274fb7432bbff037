// Big-screen mode (?mode=wall or W): full-window layout in large type and a high-contrast
// palette, a camera tour that follows the incident (each event's element in turn, the city
// that goes dark, back to the Gulf overview, the presets in between) and an unattended loop
// through the incident library.
import { useEffect, useRef, type ReactElement, type RefObject } from 'react';
import { elementGoal, presetGoal, type PresetId } from '../scene/camera-presets.ts';
import { elementPosition } from '../scene/network-model.ts';
import { appStore, useApp } from '../state/app-store.ts';
import { flyTo, sceneStore } from '../state/scene-store.ts';
import { playhead, startScenario } from '../state/session.ts';
import { Chart } from './Charts.tsx';
import { Legend } from './Legend.tsx';
import { EventLog } from './EventLog.tsx';
import { fmtClock } from './format.ts';
import { KpiPanel } from './Kpis.tsx';
import { subscribeLive } from './live.ts';
import { cityCounts, countScratch } from '../scene/city/city-counts.ts';

const TOUR: PresetId[] = ['region', 'estlink', 'helsinki', 'tallinn'];
/** s of wall time on each tour stop, and after an event before the tour resumes */
const TOUR_S = 14;
/** s the end of a run stays on screen before the next incident */
const END_HOLD_S = 10;

export function setWall(on: boolean): void {
  appStore.setState({ wall: on });
  sceneStore.setState({ highContrast: on });
  const url = new URL(window.location.href);
  if (on) url.searchParams.set('mode', 'wall');
  else url.searchParams.delete('mode');
  window.history.replaceState(null, '', url);
}

/** The tour and the loop; runs while wall mode is on. Returns a stop function. */
export function startDirector(): () => void {
  let lastMove = performance.now();
  let stop = 0;
  let endedAt = 0;
  let starting = false;
  let lastIndex = appStore.getState().logIndex;

  // any flight (a preset picked by hand, an event's element) holds the tour for TOUR_S
  const offGoal = sceneStore.subscribe((s, p) => {
    if (s.goalSeq !== p.goalSeq) lastMove = performance.now();
  });

  const unsub = appStore.subscribe((s) => {
    if (s.logIndex === lastIndex) return;
    lastIndex = s.logIndex;
    const e = s.log[s.logIndex];
    const m = sceneStore.getState().model;
    if (!e?.element || !m) return;
    const xz = elementPosition(m, e.element.kind, e.element.id);
    if (!xz) return;
    flyTo(elementGoal(xz, e.element.kind, -0.3));
    lastMove = performance.now();
    // after the event, back to the Gulf overview before the tour goes on
    stop = -1;
  });

  // the city that goes dark: when a city's first buildings or blocks lose supply, fly there
  const scratch = countScratch(sceneStore.getState());
  const darkBefore = new Map<string, number>();
  const offLive = scratch
    ? subscribeLive(() => {
        for (const c of cityCounts(sceneStore.getState(), scratch)) {
          const dark = c.buildingsDark + c.blocksDark;
          const was = darkBefore.get(c.city) ?? 0;
          darkBefore.set(c.city, dark);
          if (was === 0 && dark > 0) {
            flyTo(
              presetGoal(
                c.city === 'Tallinn' ? 'tallinn' : 'helsinki',
                sceneStore.getState().model,
              ),
            );
            lastMove = performance.now();
            stop = -1;
          }
        }
      })
    : () => undefined;

  const timer = setInterval(() => {
    const s = appStore.getState();
    const now = performance.now();
    if (now - lastMove > TOUR_S * 1000) {
      // stop −1 (after an event): the Gulf overview, TOUR[0], comes next
      stop = (stop + 1) % TOUR.length;
      flyTo(presetGoal(TOUR[stop]!, sceneStore.getState().model));
      lastMove = now;
    }
    const run = s.run;
    const atEnd = run !== null && playhead() >= run.durationS - 1;
    if (run && !atEnd) {
      endedAt = 0;
      return;
    }
    if (starting || s.scenarios.length === 0) return;
    if (atEnd && endedAt === 0) endedAt = now;
    if (atEnd && now - endedAt < END_HOLD_S * 1000) return;
    const lib = s.scenarios.filter((x) => x.builtIn);
    const list = lib.length > 0 ? lib : s.scenarios;
    const k = run ? list.findIndex((x) => x.id === run.scenarioId) : -1;
    const next = list[(k + 1) % list.length]!;
    starting = true;
    endedAt = 0;
    void startScenario(next.id).finally(() => {
      starting = false;
    });
  }, 1000);

  return () => {
    unsub();
    offGoal();
    offLive();
    clearInterval(timer);
  };
}

function WallClock(): ReactElement {
  const run = useApp((s) => s.run);
  const ref = useRef<HTMLSpanElement | null>(null);
  useEffect(() => {
    const write = (): void => {
      const el = ref.current;
      if (!el) return;
      const t = sceneStore.getState().frame?.t;
      const text = run ? fmtClock(run.startTime, t ?? 0) : '--:--:--';
      if (el.textContent !== text) el.textContent = text;
      // the clock shows seconds; the frame's own time, for tests and tools (as the timeline)
      el.dataset['frameT'] = t === undefined ? '' : String(t);
    };
    write();
    return subscribeLive(write);
  }, [run]);
  return <span ref={ref} className="wall-clock" data-testid="wall-clock" />;
}

/**
 * Tells the scene which part of the canvas the panels leave free (the .wall-view cell of the
 * layout's grid): the camera frames its goals there and labels outside it are hidden.
 */
function useViewFrame(view: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const el = view.current;
    const layout = el?.parentElement;
    if (!el || !layout) return;
    const write = (): void => {
      const r = el.getBoundingClientRect();
      const o = layout.getBoundingClientRect();
      const f = sceneStore.getState().viewFrame;
      const next = { x: r.x - o.x, y: r.y - o.y, width: r.width, height: r.height };
      const same =
        f !== null &&
        f.x === next.x &&
        f.y === next.y &&
        f.width === next.width &&
        f.height === next.height;
      if (!same && next.width > 0 && next.height > 0) sceneStore.setState({ viewFrame: next });
    };
    write();
    // the panels around it change size with the window and with their content
    const ro = new ResizeObserver(write);
    for (const c of layout.children) ro.observe(c);
    return () => {
      ro.disconnect();
      sceneStore.setState({ viewFrame: null });
    };
  }, [view]);
}

export function WallLayout(): ReactElement {
  const run = useApp((s) => s.run);
  const view = useRef<HTMLDivElement | null>(null);
  useEffect(() => startDirector(), []);
  useViewFrame(view);
  return (
    <div className="wall-layout" data-testid="wall">
      <header className="wall-header">
        <div>
          <h1>{run?.title ?? 'FinEst Twin'}</h1>
          <p>Finland – Estonia grid incident twin</p>
        </div>
        <WallClock />
      </header>
      <div className="wall-legend">
        <Legend />
      </div>
      <div ref={view} className="wall-view" data-testid="wall-view" />
      <aside className="wall-side">
        <KpiPanel model={sceneStore.getState().model} compact={true} />
      </aside>
      <footer className="wall-footer">
        <EventLog compact={true} />
        <div className="wall-charts">
          <Chart kind="frequency" />
          <Chart kind="shed" />
        </div>
      </footer>
    </div>
  );
}

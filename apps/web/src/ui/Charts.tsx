// d3 charts of the run over time: load shed per country, frequency per synchronous area and the
// Estlink transfers, each with the playhead and the event markers. Drawn imperatively into SVG
// (d3 owns the SVG, React only the container), at most a few times a second while streaming.
import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import { useEffect, useRef, type ReactElement } from 'react';
import { COUNTRIES } from '../scene/network-model.ts';
import { appStore } from '../state/app-store.ts';
import type { RunHistory } from '../state/history.ts';
import { logMarkers } from '../state/run-log.ts';
import { sceneStore } from '../state/scene-store.ts';
import { sessionStore } from '../state/session-store.ts';
import { seriesLine, yDomain, yTickFormat, type ChartKind } from './chart-scales.ts';
import { fmtClock } from './format.ts';

export type { ChartKind } from './chart-scales.ts';

export interface Series {
  name: string;
  slot: number;
  /** CSS class: colour and dash (never colour alone) */
  style: number;
}

export const CHART_TITLES: Record<ChartKind, string> = {
  shed: 'Load shed (MW)',
  frequency: 'Frequency (Hz)',
  estlink: 'Estlink transfer (MW, + FI→EE)',
};

/** The series of a chart for a run's summary layout. */
export function chartSeries(
  kind: ChartKind,
  hist: RunHistory,
  linkNames: string[],
  areaIds: string[],
): Series[] {
  const C = hist.ctx.countries;
  const L = hist.ctx.links.length;
  if (kind === 'shed') return COUNTRIES.map((c, k) => ({ name: c, slot: k, style: k }));
  if (kind === 'estlink') return linkNames.map((n, l) => ({ name: n, slot: 2 * C + l, style: l }));
  return areaIds.map((a, k) => ({ name: a, slot: 2 * C + L + k, style: k }));
}

/** Points of one series in tick order, NaN where unknown (gaps). */
export function seriesPoints(hist: RunHistory, slot: number): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < hist.count; k++)
    if (hist.known[k]) out.push([hist.t[k]!, hist.value(k, slot)]);
  return out;
}

/** margins at a 10 px tick font; scaled with the font so wall mode at 4K keeps its labels */
const M = { top: 8, right: 10, bottom: 20, left: 46 };

/** Draws a chart; returns the time scale, for moving the playhead alone later. */
export function drawChart(
  svgEl: SVGSVGElement,
  kind: ChartKind,
  hist: RunHistory | null,
  t: number,
): (t: number) => number {
  const svg = select(svgEl);
  const w = svgEl.clientWidth || 300;
  const hgt = svgEl.clientHeight || 120;
  const tick = svgEl.querySelector('.tick text');
  const fontPx = tick ? parseFloat(getComputedStyle(tick).fontSize) || 10 : 10;
  const k = Math.max(1, fontPx / 10);
  const m = { top: M.top * k, right: M.right * k, bottom: M.bottom * k, left: M.left * k };
  const run = appStore.getState().run;
  const maps = sceneStore.getState().maps;
  svg.attr('viewBox', `0 0 ${w} ${hgt}`);
  const x = scaleLinear()
    .domain([0, run?.durationS ?? 3600])
    .range([m.left, w - m.right]);
  const series =
    hist && maps && hist.runId === maps.runId
      ? chartSeries(kind, hist, maps.linkNames, maps.areaIds)
      : [];
  const data = hist ? series.map((s) => ({ s, pts: seriesPoints(hist, s.slot) })) : [];
  const values = data.flatMap((d) => d.pts.map((p) => p[1]));
  const y = scaleLinear()
    .domain(yDomain(kind, values))
    .nice(4)
    .range([hgt - m.bottom, m.top]);

  svg
    .selectAll<SVGGElement, null>('g.x-axis')
    .data([null])
    .join('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${hgt - m.bottom})`)
    .call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor(w / (110 * k))))
        .tickFormat((v) => fmtClock(run?.startTime, Number(v)).slice(0, 5)),
    );
  svg
    .selectAll<SVGGElement, null>('g.y-axis')
    .data([null])
    .join('g')
    .attr('class', 'y-axis')
    .attr('transform', `translate(${m.left},0)`)
    .call(axisLeft(y).ticks(4).tickFormat(yTickFormat(kind)));

  const path = seriesLine(x, y);
  svg
    .selectAll<SVGPathElement, (typeof data)[number]>('path.series')
    .data(data, (d) => d.s.name)
    .join('path')
    .attr('class', (d) => `series series-${d.s.style}`)
    .attr('d', (d) => path(d.pts) ?? '');

  const app = appStore.getState();
  const markers = logMarkers(app.log, (app.run?.durationS ?? 1) / 400);
  svg
    .selectAll<SVGLineElement, { t: number }>('line.event')
    .data(markers)
    .join('line')
    .attr('class', 'event')
    .attr('x1', (e) => x(e.t))
    .attr('x2', (e) => x(e.t))
    .attr('y1', m.top)
    .attr('y2', hgt - m.bottom);
  svg
    .selectAll<SVGLineElement, number>('line.playhead')
    .data([t])
    .join('line')
    .attr('class', 'playhead')
    .attr('x1', (v) => x(v))
    .attr('x2', (v) => x(v))
    .attr('y1', m.top)
    .attr('y2', hgt - m.bottom);

  const legend = svg
    .selectAll<SVGGElement, null>('g.legend')
    .data([null])
    .join('g')
    .attr('class', 'legend');
  legend
    .selectAll<SVGTextElement, (typeof data)[number]>('text')
    .data(data, (d) => d.s.name)
    .join('text')
    .attr('class', (d) => `legend-${d.s.style}`)
    .attr('x', (_, i) => w - m.right - 4 - i * 92 * k)
    .attr('y', m.top + 10 * k)
    .attr('text-anchor', 'end')
    .text((d) => `${['—', '- -', '···'][d.s.style % 3]} ${d.s.name}`);
  return x;
}

/** Moves only the playhead (the rest of the chart is unchanged). */
function movePlayhead(svgEl: SVGSVGElement, x: (t: number) => number, t: number): void {
  const line = svgEl.querySelector('line.playhead');
  const v = String(x(t));
  line?.setAttribute('x1', v);
  line?.setAttribute('x2', v);
}

export function Chart({ kind }: { kind: ChartKind }): ReactElement {
  const ref = useRef<SVGSVGElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let seq = -1;
    let t = -1;
    let run = '';
    let timer: ReturnType<typeof setTimeout> | null = null;
    let x: ((t: number) => number) | null = null;
    const draw = (): void => {
      timer = null;
      const hist = sessionStore.getState().history;
      const now = sceneStore.getState().frame?.t ?? 0;
      const same = hist?.seq === seq && hist?.runId === run;
      if (same && now === t) return;
      t = now;
      // while a computed run plays, only the playhead moves
      if (same && x) return movePlayhead(el, x, now);
      seq = hist?.seq ?? -1;
      run = hist?.runId ?? '';
      x = drawChart(el, kind, hist, now);
    };
    const schedule = (): void => {
      if (!timer) timer = setTimeout(draw, 250);
    };
    const unsub = sceneStore.subscribe(schedule);
    const unsubApp = appStore.subscribe((s, p) => {
      if (s.log !== p.log || s.run !== p.run) {
        seq = -1;
        schedule();
      }
    });
    const ro = new ResizeObserver(() => {
      seq = -1;
      schedule();
    });
    ro.observe(el);
    draw();
    return () => {
      unsub();
      unsubApp();
      ro.disconnect();
      if (timer) clearTimeout(timer);
    };
  }, [kind]);
  return (
    <figure className={`chart chart-${kind}`}>
      <figcaption>{CHART_TITLES[kind]}</figcaption>
      <svg
        ref={ref}
        role="img"
        aria-label={`${CHART_TITLES[kind]} over the run`}
        data-testid={`chart-${kind}`}
      />
    </figure>
  );
}

export function Charts(): ReactElement {
  return (
    <section className="charts panel" aria-label="Charts">
      <Chart kind="shed" />
      <Chart kind="frequency" />
      <Chart kind="estlink" />
    </section>
  );
}

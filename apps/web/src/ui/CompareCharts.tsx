// The A/B comparison you can see: both runs' load shed, frequency and Estlink transfers on the
// same axes (A solid, B dashed), and the map mode that marks in magenta the branches,
// districts, buildings and blocks that are worse in B than in A (state/compare.ts says what
// counts as worse). The charts are drawn with d3 into SVG once per comparison.
import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { loadComparison, markCounts, type Comparison, type CompareSide } from '../state/compare.ts';
import { sceneStore } from '../state/scene-store.ts';
import { chartSeries, CHART_TITLES, seriesPoints, type ChartKind } from './Charts.tsx';
import { seriesLine, yDomain, yTickFormat } from './chart-scales.ts';
import { fmtInt } from './format.ts';

const KINDS: ChartKind[] = ['shed', 'frequency', 'estlink'];

function sideSeries(kind: ChartKind, s: CompareSide): { name: string; pts: [number, number][] }[] {
  return chartSeries(kind, s.history, s.maps.linkNames, s.maps.areaIds).map((x) => ({
    name: x.name,
    pts: seriesPoints(s.history, x.slot),
  }));
}

export function drawOverlay(svgEl: SVGSVGElement, kind: ChartKind, c: Comparison): void {
  const w = svgEl.clientWidth || 360;
  const h = svgEl.clientHeight || 140;
  const m = { top: 10, right: 10, bottom: 20, left: 46 };
  const a = sideSeries(kind, c.a);
  const b = sideSeries(kind, c.b);
  const values = [...a, ...b].flatMap((s) => s.pts.map((p) => p[1]));
  const x = scaleLinear()
    .domain([0, Math.max(c.a.run.durationS, c.b.run.durationS)])
    .range([m.left, w - m.right]);
  const y = scaleLinear()
    .domain(yDomain(kind, values))
    .nice(4)
    .range([h - m.bottom, m.top]);
  const svg = select(svgEl);
  svg.attr('viewBox', `0 0 ${w} ${h}`);
  svg.selectAll('*').remove();
  svg
    .append('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${h - m.bottom})`)
    .call(
      axisBottom(x)
        .ticks(5)
        .tickFormat((v) => `${Math.round(Number(v) / 60)} min`),
    );
  svg
    .append('g')
    .attr('class', 'y-axis')
    .attr('transform', `translate(${m.left},0)`)
    .call(axisLeft(y).ticks(4).tickFormat(yTickFormat(kind)));
  const path = seriesLine(x, y);
  const draw = (series: typeof a, run: 'a' | 'b'): void => {
    series.forEach((s, k) => {
      svg
        .append('path')
        .attr('class', `series series-${k} compare-${run}`)
        .attr('d', path(s.pts) ?? '')
        .attr('data-series', `${run}:${s.name}`);
    });
  };
  draw(a, 'a');
  draw(b, 'b');
  const names = a.map((s) => s.name);
  svg
    .append('text')
    .attr('class', 'compare-key')
    .attr('x', w - m.right)
    .attr('y', m.top + 8)
    .attr('text-anchor', 'end')
    .text(`A — solid · B - - dashed · ${names.join(', ')}`);
}

function OverlayChart({ kind, c }: { kind: ChartKind; c: Comparison }): ReactElement {
  const ref = useRef<SVGSVGElement | null>(null);
  useEffect(() => {
    if (ref.current) drawOverlay(ref.current, kind, c);
  }, [kind, c]);
  return (
    <figure className={`chart chart-${kind}`}>
      <figcaption>{CHART_TITLES[kind]}, A and B</figcaption>
      <svg
        ref={ref}
        role="img"
        aria-label={`${CHART_TITLES[kind]}: runs A and B overlaid`}
        data-testid={`compare-chart-${kind}`}
      />
    </figure>
  );
}

export function CompareView({ a, b }: { a: string; b: string }): ReactElement {
  const [c, setC] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onMap, setOnMap] = useState(false);
  useEffect(() => {
    let alive = true;
    loadComparison(a, b).then(
      (x) => {
        if (alive) setC(x);
      },
      (e: unknown) => {
        if (alive) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      alive = false;
    };
  }, [a, b]);
  // leaving the comparison clears the map mode
  useEffect(() => () => sceneStore.setState({ compareMarks: null }), []);
  if (error) return <p role="alert">Could not compare the runs: {error}</p>;
  if (!c) return <p className="muted">Loading both runs’ frames…</p>;
  const n = markCounts(c.worse);
  const toggle = (): void => {
    sceneStore.setState({ compareMarks: onMap ? null : c.worse });
    setOnMap(!onMap);
  };
  return (
    <section className="compare-view" aria-label="Runs A and B over time">
      <div className="compare-charts">
        {KINDS.map((k) => (
          <OverlayChart key={k} kind={k} c={c} />
        ))}
      </div>
      <p
        data-testid="compare-worse"
        data-branches={n.branches}
        data-districts={n.districts}
        data-buildings={n.buildings}
        data-blocks={n.blocks}
      >
        Worse in B: {fmtInt(n.branches)} branches, {fmtInt(n.districts)} districts,{' '}
        {fmtInt(n.buildings)} buildings, {fmtInt(n.blocks)} blocks.{' '}
        <button type="button" aria-pressed={onMap} onClick={toggle}>
          {onMap ? 'Clear the map' : 'Show on the map (magenta)'}
        </button>
      </p>
    </section>
  );
}

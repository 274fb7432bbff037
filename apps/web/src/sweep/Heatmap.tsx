// One scenario and variant of a sweep as a heatmap drawn with d3: days of the year across,
// hours of the day down, colour by energy not served (light where nothing was shed, through
// amber to dark red; striped where a run failed; empty where no run was asked). Hover says the
// hour and its numbers; a click (or Enter on the focused map, which picks the worst hour)
// opens that run in the twin.
import {
  axisBottom,
  axisLeft,
  interpolateYlOrRd,
  scaleLinear,
  scaleSequential,
  scaleUtc,
  select,
} from 'd3';
import { useEffect, useRef, type ReactElement } from 'react';
import type { HeatCell, HeatGrid } from './heatmap-data.ts';

const CELL_W = 2.6;
const CELL_H = 7;
const M = { top: 6, right: 8, bottom: 22, left: 34 };
const NOTHING_SHED = '#2b4a43';
const NO_RESULT = '#3a3f47';

export interface HeatmapProps {
  grid: HeatGrid;
  /** ISO date-time of profile hour 0 */
  profileStart: string;
  label: string;
  onOpen: (cell: HeatCell) => void;
}

export function cellText(c: HeatCell): string {
  const when = c.time.replace('T', ' ').replace(':00.000Z', ' UTC');
  const ens = c.ensMWh === null ? 'no result' : `${c.ensMWh.toFixed(1)} MWh not served`;
  const seeds = c.runs > 1 ? ` (mean of ${c.runs} seeds)` : '';
  const failed = c.failed ? `, ${c.failed} failed` : '';
  return `${when} · hour ${c.hour}: ${ens}${seeds}, peak shed ${c.peakShedMW.toFixed(0)} MW${failed}`;
}

export function Heatmap({ grid, profileStart, label, onOpen }: HeatmapProps): ReactElement {
  const ref = useRef<SVGSVGElement | null>(null);
  const tip = useRef<HTMLParagraphElement | null>(null);
  useEffect(() => {
    const svg = select(ref.current!);
    svg.selectAll('*').remove();
    const width = grid.days * CELL_W;
    const height = 24 * CELL_H;
    svg
      .attr('viewBox', `0 0 ${width + M.left + M.right} ${height + M.top + M.bottom}`)
      .attr('width', width + M.left + M.right)
      .attr('height', height + M.top + M.bottom);
    const g = svg.append('g').attr('transform', `translate(${M.left},${M.top})`);
    const color = scaleSequential(interpolateYlOrRd).domain([0, Math.max(grid.maxEnsMWh, 1e-9)]);
    const fill = (c: HeatCell): string =>
      c.ensMWh === null ? NO_RESULT : c.ensMWh <= 0 ? NOTHING_SHED : color(c.ensMWh);
    g.selectAll('rect.cell')
      .data(grid.cells)
      .join('rect')
      .attr('class', (c) => `cell${c.failed ? ' failed' : ''}`)
      .attr('x', (c) => c.day * CELL_W)
      .attr('y', (c) => c.hourOfDay * CELL_H)
      .attr('width', CELL_W)
      .attr('height', CELL_H)
      .attr('fill', fill)
      .attr('data-hour', (c) => c.hour)
      .on('mouseenter', (_e, c) => {
        if (tip.current) tip.current.textContent = cellText(c);
      })
      .on('click', (_e, c) => onOpen(c));
    g.selectAll('rect.failed').attr('stroke', '#ff6b8a').attr('stroke-width', 0.6);
    const t0 = Date.parse(profileStart);
    const x = scaleUtc()
      .domain([new Date(t0), new Date(t0 + grid.days * 86_400_000)])
      .range([0, width]);
    g.append('g')
      .attr('transform', `translate(0,${height})`)
      .call(axisBottom(x).ticks(12).tickSizeOuter(0))
      .attr('font-size', 9);
    const y = scaleLinear().domain([0, 24]).range([0, height]);
    g.append('g')
      .call(
        axisLeft(y)
          .tickValues([0, 6, 12, 18, 24])
          .tickFormat((h) => `${String(h).padStart(2, '0')}h`),
      )
      .attr('font-size', 9);
  }, [grid, profileStart, onOpen]);

  const worst = grid.cells.reduce<HeatCell | null>(
    (w, c) => (c.ensMWh !== null && (w === null || c.ensMWh > (w.ensMWh ?? -1)) ? c : w),
    null,
  );
  return (
    <figure className="sweep-heatmap">
      <svg
        ref={ref}
        role="img"
        tabIndex={0}
        aria-label={`${label}: energy not served by day and hour; Enter opens the worst hour`}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && worst) onOpen(worst);
        }}
      />
      <p ref={tip} className="sweep-tip" aria-live="polite">
        {worst ? `worst: ${cellText(worst)}` : 'no results yet'}
      </p>
    </figure>
  );
}

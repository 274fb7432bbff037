// Labels over the scene: the two cities, the neighbouring countries as boundary areas with
// their exchange, each HVDC link with its transfer, district names up close, and the name of
// each line or cable that has tripped with the time it did. Positions are projected by the
// scene (scene/labels.ts), which shows the most important where labels overlap; alerts (a
// city or district with buildings gone dark, a tripped element) follow the frame on screen,
// and so do the live numbers (useLive).
import { STATUS, type LogEntry } from '@finest/scenario/schema';
import type { ReactElement } from 'react';
import { useMemo } from 'react';
import { plane } from '../geo/projection.ts';
import { supplied } from '../scene/buffers.ts';
import { DARK_BELOW } from '../scene/city/city-supply.ts';
import { LABEL_RANK, pinLabel } from '../scene/labels.ts';
import { lastTripBy, tripsByElement } from '../scene/trips.ts';
import { branchTitle, HEIGHTS, type SceneModel } from '../scene/network-model.ts';
import { useApp } from '../state/app-store.ts';
import type { SceneState } from '../state/scene-store.ts';
import { hvdcTransferText } from './element-info.ts';
import { fmtMW } from './format.ts';
import { useLive } from './live.ts';

/**
 * True when a feeder of district k supplies less than DARK_BELOW in the frame on screen: the
 * buildings and blocks it feeds are drawn dark (the city's rule, city-supply.ts).
 */
export function districtDark(s: SceneState, k: number): boolean {
  const feeders = s.maps?.districtFeeders[k];
  const f = s.frame;
  if (!feeders || !f) return false;
  for (let j = 0; j < feeders.length; j++) {
    const i = feeders[j]!;
    if (i < 0) continue;
    if (supplied(f.busLoadMW[i] ?? 0, f.busShedMW[i] ?? 0, f.busVm[i] ?? 1) < DARK_BELOW)
      return true;
  }
  return false;
}

function cityDark(s: SceneState, city: string): boolean {
  return s.districts.some((d, k) => d.city === city && districtDark(s, k));
}

/** True when the frame on screen has the element (scene index) tripped or out. */
function elementDown(s: SceneState, kind: 'branch' | 'hvdc', k: number): boolean {
  if (!s.frame || !s.maps) return false;
  const i = (kind === 'branch' ? s.maps.branchInv : s.maps.hvdcInv)[k] ?? -1;
  if (i < 0) return false;
  const status = kind === 'branch' ? s.frame.branchStatus[i] : s.frame.hvdcStatus[i];
  return (status ?? STATUS.IN) !== STATUS.IN;
}

/** "tripped hh:mm:ss": the last of an element's trips at or before the frame on screen. */
function trippedAt(trips: readonly LogEntry[], s: SceneState): string {
  const trip = lastTripBy(trips, s.frame?.t ?? 0);
  return trip ? `tripped ${trip.clock}` : 'out';
}

const CITIES: [string, number, number][] = [
  ['Helsinki', 24.94, 60.17],
  ['Tallinn', 24.75, 59.437],
];

/** Per boundary country: the branches and links that cross into it, with their sign. */
function boundaryTies(
  m: SceneModel,
  country: string,
): { branches: [number, number][]; links: [number, number][] } {
  const ext = (id: string): boolean => {
    const b = m.network.buses[m.busIndex.get(id) ?? -1];
    return !!b && b.external && b.country === country;
  };
  const branches: [number, number][] = [];
  m.network.branches.forEach((b, s) => {
    const f = ext(b.from);
    const t = ext(b.to);
    // + when power flows out of the boundary into FI/EE
    if (f !== t) branches.push([s, f ? 1 : -1]);
  });
  const links: [number, number][] = [];
  m.network.hvdcLinks.forEach((l, s) => {
    const f = ext(l.from);
    const t = ext(l.to);
    if (f !== t) links.push([s, f ? 1 : -1]);
  });
  return { branches, links };
}

function exchangeText(ties: ReturnType<typeof boundaryTies>): (s: SceneState) => string {
  return (s) => {
    if (!s.frame || !s.maps) return '';
    let mw = 0;
    for (const [k, sign] of ties.branches) {
      const i = s.maps.branchInv[k] ?? -1;
      if (i >= 0) mw += sign * (s.frame.branchFlowMW[i] ?? 0);
    }
    for (const [k, sign] of ties.links) {
      const i = s.maps.hvdcInv[k] ?? -1;
      if (i >= 0) mw += sign * (s.frame.hvdcMW[i] ?? 0);
    }
    if (Math.abs(mw) < 0.5) return 'no exchange';
    return mw > 0 ? `sends ${fmtMW(mw)}` : `receives ${fmtMW(-mw)}`;
  };
}

function BoundaryLabel({ m, k }: { m: SceneModel; k: number }): ReactElement {
  const a = m.boundaries[k]!;
  const ties = useMemo(() => boundaryTies(m, a.country), [m, a.country]);
  const live = useLive<HTMLSpanElement>(exchangeText(ties));
  return (
    <div
      className="label label-boundary"
      ref={(el: HTMLDivElement | null) =>
        pinLabel(`b:${a.country}`, el, [a.at[0], HEIGHTS.node, a.at[1]], {
          rank: LABEL_RANK.boundary,
        })
      }
    >
      <strong>{a.label}</strong>
      <span ref={live} className="label-live" />
    </div>
  );
}

/**
 * Per HVDC link, where its label may sit on its route: first a point clear of the links
 * labelled before it (40 km: Fenno-Skan 1 and 2 run side by side), then the rest of the
 * route's fifths, for where the first is taken on screen or out of view.
 */
export function linkLabelPoints(m: SceneModel): [number, number][][] {
  const first: [number, number][] = [];
  return m.hvdcPath.map((p) => {
    const n = p.length / 3;
    const at = (f: number): [number, number] => {
      const k = Math.min(n - 1, Math.max(0, Math.round(f * (n - 1))));
      return [p[3 * k] ?? 0, p[3 * k + 2] ?? 0];
    };
    const free = (q: [number, number]): boolean =>
      first.every((o) => Math.hypot(o[0] - q[0], o[1] - q[1]) > 40);
    const points = [0.5, 0.3, 0.7, 0.2, 0.8].map(at);
    const preferred = points.find(free) ?? points[0]!;
    first.push(preferred);
    return [preferred, ...points.filter((q) => q !== preferred)];
  });
}

function LinkLabel({
  m,
  k,
  at,
  trips,
}: {
  m: SceneModel;
  k: number;
  at: [number, number][];
  trips: readonly LogEntry[];
}): ReactElement {
  const l = m.network.hvdcLinks[k]!;
  const [pos, ...further] = at.map(([x, z]): [number, number, number] => [x, HEIGHTS.node, z]);
  const live = useLive<HTMLSpanElement>((s) => {
    if (!s.frame || !s.maps) return `${fmtMW(l.Pmax)} cable`;
    const i = s.maps.hvdcInv[k] ?? -1;
    if (i < 0) return '';
    if ((s.frame.hvdcStatus[i] ?? 1) !== 1) return trips.length > 0 ? trippedAt(trips, s) : 'OUT';
    return hvdcTransferText(m, k, s.frame.hvdcMW[i] ?? 0);
  });
  return (
    <div
      className="label label-link"
      data-testid={`link-label-${l.id}`}
      ref={(el: HTMLDivElement | null) =>
        pinLabel(`l:${l.id}`, el, pos!, {
          alternatives: further,
          maxDistance: 1500,
          rank: LABEL_RANK.link,
          alert: (s) => elementDown(s, 'hvdc', k),
        })
      }
    >
      <strong>{l.name}</strong>
      <span ref={live} className="label-live" />
    </div>
  );
}

/** A tripped line's name and when it tripped, along it, while the frame has it down. */
function TrippedBranchLabel({
  m,
  k,
  trips,
}: {
  m: SceneModel;
  k: number;
  trips: readonly LogEntry[];
}): ReactElement | null {
  const b = m.network.branches[k]!;
  const when = useLive<HTMLSpanElement>((s) => trippedAt(trips, s));
  const from = m.branchFrom[k] ?? -1;
  const to = m.branchTo[k] ?? -1;
  if (from < 0 || to < 0) return null;
  const end = (i: number): [number, number, number] => [
    m.busPos[3 * i]!,
    HEIGHTS.node,
    m.busPos[3 * i + 2]!,
  ];
  return (
    <div
      className="label label-tripped"
      data-testid={`tripped-${b.id}`}
      ref={(el: HTMLDivElement | null) =>
        // along the line: on the part of it in view, where no more important label is
        pinLabel(`t:${b.id}`, el, end(from), {
          to: end(to),
          // the latest trip first where two overlap: it is the news
          rank: LABEL_RANK.link + 1 + (trips[trips.length - 1]?.t ?? 0) / 1e7,
          alert: (s) =>
            elementDown(s, 'branch', k) && (trips[0]?.t ?? Infinity) <= (s.frame?.t ?? -1),
          alertOnly: true,
        })
      }
    >
      <strong>{branchTitle(m, k)}</strong>
      <span ref={when} className="label-live" />
    </div>
  );
}

export function Labels({
  model,
  districts,
}: {
  model: SceneModel;
  districts: SceneState['districts'];
}): ReactElement {
  const linkPoints = useMemo(() => linkLabelPoints(model), [model]);
  const log = useApp((s) => s.log);
  const trips = useMemo(() => tripsByElement(log), [log]);
  const trippedBranches = [...trips.keys()]
    .filter((key) => key.startsWith('branch:'))
    .map((key) => ({ key, k: model.branchIndex.get(key.slice('branch:'.length)) ?? -1 }))
    .filter((x) => x.k >= 0);
  return (
    <div className="labels" aria-hidden={true}>
      {CITIES.map(([name, lon, lat]) => {
        const [x, z] = plane.project(lon, lat);
        return (
          <div
            key={name}
            className="label label-city"
            data-testid={`label-city-${name}`}
            ref={(el: HTMLDivElement | null) =>
              pinLabel(`c:${name}`, el, [x, 1.5, z - 6], {
                rank: LABEL_RANK.city,
                alert: (s) => cityDark(s, name),
              })
            }
          >
            {name}
          </div>
        );
      })}
      {model.boundaries.map((_, k) => (
        <BoundaryLabel key={`b${k}`} m={model} k={k} />
      ))}
      {linkPoints.map((at, k) => (
        <LinkLabel
          key={`l${k}`}
          m={model}
          k={k}
          at={at}
          trips={trips.get(`hvdc:${model.network.hvdcLinks[k]!.id}`) ?? NO_TRIPS}
        />
      ))}
      {trippedBranches.map(({ key, k }) => (
        <TrippedBranchLabel key={key} m={model} k={k} trips={trips.get(key)!} />
      ))}
      {districts.map((d, k) => (
        <div
          key={d.id}
          className="label label-district"
          data-testid="label-district"
          ref={(el: HTMLDivElement | null) =>
            // names up close: Helsinki's 59 would crowd the city view, Tallinn's 8 do not
            pinLabel(`d:${d.id}`, el, [d.centroid[0], 1.2, d.centroid[1]], {
              maxDistance: d.city === 'Tallinn' ? 50 : 28,
              // the most people first where names overlap
              rank: LABEL_RANK.district + d.population / 1e7,
              alert: (s) => districtDark(s, k),
            })
          }
        >
          {d.name}
        </div>
      ))}
    </div>
  );
}

const NO_TRIPS: readonly LogEntry[] = [];

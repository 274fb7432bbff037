// The grid inside the capitals, which the ≥220 kV GridKit extract does not have: the city-side
// 110 kV substations of city-demand.ts, each tied to the 110 kV side of its two nearest supply
// substations (Fingrid 400/110 kV, Elering 330/110 kV) by documented equivalent lines, and the
// city plants moved from the schematic backbone bus to the substation they really feed.
//   Equivalent line: straight distance × the length factor, the standard 110 kV conductor of
//   LINE_TYPES, n = ⌈bus peak / (Vmin × circuit rating)⌉ circuits, so that either line alone
//   carries the bus at the country's 2015 peak even at the lowest operating voltage (the N-1
//   rule the city networks are planned to).
//   Supply transformer: units of CITY_GRID.transformerUnitMVA, as many as the peak of the city
//   buses it feeds (or the plants behind it, whichever is larger) needs, plus one spare (N-1).
import type { Branch, Bus, Network } from '@finest/grid';
import { ASSUMPTIONS, LINE_TYPES } from './assumptions.ts';
import { assignReferences, lineParameters, sig, transformerParameters } from './build-network.ts';
import {
  CHP_UNITS,
  PEAK_LOAD_RESERVE_NAMES,
  RESERVE_UNITS,
  RETIRED_UNITS,
  SUPPLY_POINTS,
  SUPPLY_SIDE_UNITS,
  type SupplyPoint,
} from './city-facts.ts';
import type { CityDemand } from './city-demand.ts';
import { haversineKm } from './geometry.ts';

export const CITY_GRID = {
  /** MVA of one supply transformer unit: Fingrid's 400/110 kV units are 400 MVA (Fingrid 2004,
   *  https://www.fingrid.fi/en/news/news/2004/transformer-to-be-installed-in-salo-will-improve-transmission-reliability/) */
  transformerUnitMVA: 400,
  /** the 110 kV line type (LINE_TYPES key) */
  lineClass: 132,
  /** power factor of the city load when sizing (snapshot's Qd/Pd, 0.98) */
  powerFactor: 0.98,
};

const side110 = (id: string): string => `${id}-110`;

/** Adds the city grid of the country's cities to its national network, in place. */
export function addCityGrid(
  net: Network,
  country: 'FI' | 'EE',
  cities: CityDemand[],
  countryPeakMW: number,
): void {
  const mine = cities.filter((c) => c.country === country);
  const byId = new Map(net.buses.map((b) => [b.id, b]));
  const points = new Map<string, SupplyPoint>();
  for (const p of [
    ...mine.flatMap((c) => SUPPLY_POINTS[c.city] ?? []),
    ...Object.values(SUPPLY_SIDE_UNITS).filter((p) => p.bus.startsWith(`${country}:`)),
  ])
    if (!points.has(p.bus)) points.set(p.bus, p);
  for (const id of points.keys())
    if (!byId.has(id))
      throw new Error(`city-grid: supply substation ${id} is not in the ${country} network`);
  const line = LINE_TYPES[CITY_GRID.lineClass]!;
  const circuitMVA = Math.sqrt(3) * line.nominalKV * line.iNomKA;
  const base = net.baseMVA;
  const dataset = net.datasets[0]!.id;
  const served = new Map<string, number>([...points.keys()].map((id) => [id, 0]));

  const newBus = (id: string, name: string, lon: number, lat: number, rule: string): Bus => ({
    id,
    name,
    type: 'PQ',
    Pd: 0,
    Qd: 0,
    Gs: 0,
    Bs: 0,
    area: byId.get([...points.keys()][0]!)!.area,
    zone: 1,
    Vm: 1,
    Va: 0,
    baseKV: line.nominalKV,
    Vmax: ASSUMPTIONS.Vmax,
    Vmin: ASSUMPTIONS.Vmin,
    country,
    lon,
    lat,
    equivalent: true,
    equivalentRule: rule,
    dataset,
  });

  for (const city of mine) {
    for (const cb of city.buses) {
      const bus = newBus(
        cb.id,
        cb.name,
        cb.lon,
        cb.lat,
        `${city.city} city-side 110 kV substation: ${cb.basis}`,
      );
      if (!cb.equivalent) {
        // a real named substation: only its connection is an equivalent
        delete bus.equivalent;
        bus.equivalentRule = `${city.city} 110 kV substation (${cb.basis}); its connection to the backbone is equivalent`;
      }
      net.buses.push(bus);
      // the larger of the bus's peak load and its plants' output must fit on either line
      const unitsMW = cb.units
        .map((u) => net.generators.find((g) => g.id === u))
        .reduce((sum, g) => sum + (g && !RETIRED_UNITS[g.id] ? g.Pmax : 0), 0);
      const peakMVA = Math.max(cb.share * countryPeakMW, unitsMW) / CITY_GRID.powerFactor;
      // a circuit's thermal limit is a current: at the lowest operating voltage it carries
      // only Vmin × its nominal MVA, and the bus must still be supplied there
      const circuits = Math.max(1, Math.ceil(peakMVA / (ASSUMPTIONS.Vmin * circuitMVA)));
      const nearest = (SUPPLY_POINTS[city.city] ?? [])
        .map((p) => ({ p, km: haversineKm([cb.lon, cb.lat], [p.lon, p.lat]) }))
        .sort((a, b) => a.km - b.km || a.p.bus.localeCompare(b.p.bus))
        .slice(0, 2);
      if (nearest.length === 0) throw new Error(`city-grid: ${city.city} has no supply points`);
      for (const { p, km } of nearest) {
        served.set(p.bus, served.get(p.bus)! + peakMVA);
        const route = km * ASSUMPTIONS.lengthFactor;
        net.branches.push({
          id: `E${cb.id.slice(3)}-${p.bus.slice(3)}`,
          name: `${cb.name} – ${p.name} (equivalent)`,
          from: side110(p.bus),
          to: cb.id,
          ...lineParameters(line, route, circuits, base),
          inService: true,
          equivalent: true,
          equivalentRule: `equivalent 110 kV line: ${sig(km, 3)} km straight × length factor ${ASSUMPTIONS.lengthFactor}, ${circuits} × ${line.type} (${sig(circuitMVA, 3)} MVA each) so that it alone carries the bus's peak load or plant output, ${sig(peakMVA, 3)} MVA, at ${ASSUMPTIONS.Vmin} pu`,
          dataset,
        } satisfies Branch);
      }
    }
  }

  // generators: city plants to their sites, supply-side plants to the 110 kV side
  const genById = new Map(net.generators.map((g) => [g.id, g]));
  const move = (unit: string, bus: string): void => {
    const g = genById.get(unit);
    if (!g) throw new Error(`city-grid: unit ${unit} is not in the ${country} network`);
    g.bus = bus;
  };
  for (const city of mine) for (const cb of city.buses) for (const u of cb.units) move(u, cb.id);
  const unitsAt = new Map<string, number>();
  for (const [u, p] of Object.entries(SUPPLY_SIDE_UNITS)) {
    if (!p.bus.startsWith(`${country}:`)) continue;
    move(u, side110(p.bus));
    unitsAt.set(p.bus, (unitsAt.get(p.bus) ?? 0) + genById.get(u)!.Pmax);
  }
  for (const [unit, reason] of Object.entries(RETIRED_UNITS)) {
    const g = genById.get(unit);
    if (!g) continue;
    g.inService = false;
    g.outOfServiceReason = reason;
  }
  for (const unit of CHP_UNITS) {
    const g = genById.get(unit);
    if (g) g.chp = true;
  }
  for (const [unit, r] of Object.entries(RESERVE_UNITS)) {
    const g = genById.get(unit);
    if (g) g.reserve = r.kind;
  }
  for (const g of net.generators)
    if (g.name && PEAK_LOAD_RESERVE_NAMES.includes(g.name)) g.reserve = 'peak-load';

  for (const [id, p] of points) {
    const s = byId.get(id)!;
    const need = Math.max(served.get(id)!, unitsAt.get(id) ?? 0);
    const units = Math.ceil(need / CITY_GRID.transformerUnitMVA) + 1;
    const mva = units * CITY_GRID.transformerUnitMVA;
    net.buses.push(
      newBus(side110(id), `${p.name} 110 kV`, p.lon, p.lat, `110 kV side of ${id} (${p.source})`),
    );
    net.branches.push({
      id: `T${id.slice(3)}-110`,
      name: `${p.name} ${s.baseKV}/110 kV (equivalent)`,
      from: id,
      to: side110(id),
      ...transformerParameters(mva, base),
      inService: true,
      equivalent: true,
      equivalentRule: `${units} × ${CITY_GRID.transformerUnitMVA} MVA ${s.baseKV}/110 kV units in parallel (x ${ASSUMPTIONS.transformerXpuOwnBase} pu on own base): ⌈${sig(need, 3)} MVA / ${CITY_GRID.transformerUnitMVA}⌉ + 1 spare`,
      dataset,
    });
  }
  assignReferences(net);
}

// Builds the project's FI and EE networks from the GridKit extract, then merges them through
// the FI–EE interconnectors. Every number not in the source comes from assumptions.ts.
// Electrical parameters per line (n circuits, length L = map length × length factor):
//   R = r·L/n, X = x·L/n (Ω) → pu on Zb = kV²/baseMVA;  B = 2π f c·L·n (S) → pu × Zb;
//   rating = √3 · kV · I_nom · n (MVA, thermal; PyPSA-Eur's s_max_pu 0.7 is an OPF security
//   margin and is not applied).
import type { Branch, Bus, Generator, HvdcLink, Network } from '@finest/grid';
import { findIslands } from '@finest/grid';
import {
  AREA_OF_COUNTRY,
  AREAS,
  ASSUMPTIONS,
  COUNTRIES,
  EXTERNAL_LIMITS,
  HVDC_LINKS,
  LINE_TYPES,
  RUSSIAN_TIES_OUT_SINCE,
  TECHNOLOGY,
} from './assumptions.ts';
import type { GkBus, Gridkit } from './gridkit.ts';

/** Rounds to a fixed number of significant digits so output bytes are stable. */
export const sig = (x: number, digits = 8): number => (x === 0 ? 0 : Number(x.toPrecision(digits)));
const deg = (x: number): number => Math.round(x * 1e5) / 1e5;

const DATASETS = {
  FI: {
    id: 'gridkit-fi',
    name: 'ENTSO-E GridKit extract via PyPSA-Eur, Finnish rows',
    source: 'https://github.com/PyPSA/pypsa-eur (data/entsoegridkit)',
    licence: 'CC BY 4.0',
  },
  EE: {
    id: 'gridkit-ee',
    name: 'ENTSO-E GridKit extract via PyPSA-Eur, Estonian rows',
    source: 'https://github.com/PyPSA/pypsa-eur (data/entsoegridkit)',
    licence: 'CC BY 4.0',
  },
};

const busId = (b: GkBus): string => `${b.country}:${b.id}`;

function haversineKm(a: GkBus, b: GkBus): number {
  const r = Math.PI / 180;
  const dLat = (b.lat - a.lat) * r;
  const dLon = (b.lon - a.lon) * r;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Electrical parameters of n parallel circuits of a standard line type over km (route). */
export function lineParameters(
  t: (typeof LINE_TYPES)[number],
  km: number,
  circuits: number,
  baseMVA: number,
): Omit<Branch, 'id' | 'from' | 'to' | 'inService' | 'dataset'> {
  const zb = (t.nominalKV * t.nominalKV) / baseMVA;
  return {
    kind: 'line',
    r: sig((t.rOhmPerKm * km) / circuits / zb),
    x: sig((t.xOhmPerKm * km) / circuits / zb),
    b: sig(2 * Math.PI * ASSUMPTIONS.frequency * t.cNfPerKm * 1e-9 * km * circuits * zb),
    rateA: sig(Math.sqrt(3) * t.nominalKV * t.iNomKA * circuits, 6),
    rateB: 0,
    rateC: 0,
    tap: 0,
    shift: 0,
    angmin: -360,
    angmax: 360,
    lengthKm: sig(km, 6),
    circuits,
  };
}

/** Electrical parameters of a transformer (bank) of `mva` in total: PyPSA-Eur's x on its own
 *  base (ASSUMPTIONS.transformerXpuOwnBase), r = 0, nominal ratio. */
export function transformerParameters(
  mva: number,
  baseMVA: number,
): Omit<Branch, 'id' | 'from' | 'to' | 'inService' | 'dataset'> {
  return {
    kind: 'transformer',
    r: 0,
    x: sig((ASSUMPTIONS.transformerXpuOwnBase * baseMVA) / mva),
    b: 0,
    rateA: mva,
    rateB: 0,
    rateC: 0,
    tap: 1,
    shift: 0,
    angmin: -360,
    angmax: 360,
  };
}

/** The network of one country with its foreign neighbours as external equivalents. */
export function buildNational(gk: Gridkit, country: 'FI' | 'EE'): Network {
  const dataset = DATASETS[country].id;
  const byId = new Map(gk.buses.map((b) => [b.id, b]));
  const home = (b: GkBus | undefined): boolean => b?.country === country;
  const foreign = (b: GkBus | undefined): boolean =>
    !!b && b.country !== 'FI' && b.country !== 'EE';
  const linkEnds = new Set(
    gk.links.filter((l) => HVDC_LINKS[l.id]).flatMap((l) => [l.bus0, l.bus1]),
  );
  // Buses: the country's AC buses and the DC buses that terminate an HVDC link, plus foreign
  // buses tied to them by lines or by a link.
  const keep = new Set<string>();
  for (const b of gk.buses) if (home(b) && (!b.dc || linkEnds.has(b.id))) keep.add(b.id);
  for (const l of gk.lines) {
    const [a, b] = [byId.get(l.bus0), byId.get(l.bus1)];
    if (home(a) && foreign(b)) keep.add(b!.id);
    if (home(b) && foreign(a)) keep.add(a!.id);
  }
  for (const l of gk.links) {
    if (!HVDC_LINKS[l.id]) continue;
    const [a, b] = [byId.get(l.bus0), byId.get(l.bus1)];
    if (home(a) && foreign(b)) keep.add(b!.id);
    if (home(b) && foreign(a)) keep.add(a!.id);
  }
  const kept = gk.buses.filter((b) => keep.has(b.id));
  const buses: Bus[] = kept.map((b) => {
    const kv = b.dc ? 0 : (LINE_TYPES[b.voltage]?.nominalKV ?? 0);
    const bus: Bus = {
      id: busId(b),
      type: 'PQ',
      Pd: 0,
      Qd: 0,
      Gs: 0,
      Bs: 0,
      area: AREA_OF_COUNTRY[b.country] ?? 'nordic',
      zone: 1,
      Vm: 1,
      Va: 0,
      baseKV: kv,
      Vmax: ASSUMPTIONS.Vmax,
      Vmin: ASSUMPTIONS.Vmin,
      country: b.country,
      lon: deg(b.lon),
      lat: deg(b.lat),
      dataset,
    };
    if (b.name) bus.name = b.name;
    if (foreign(b)) bus.external = true;
    return bus;
  });

  const branches: Branch[] = [];
  const base = ASSUMPTIONS.baseMVA;
  for (const l of gk.lines) {
    if (!keep.has(l.bus0) || !keep.has(l.bus1)) continue;
    const [a, b] = [byId.get(l.bus0)!, byId.get(l.bus1)!];
    if (!home(a) && !home(b)) continue;
    const t = LINE_TYPES[l.voltage];
    if (!t)
      throw new Error(
        `build-network: line ${l.id} has voltage class ${l.voltage} with no line type`,
      );
    const russian = a.country === 'RU' || b.country === 'RU';
    branches.push({
      id: `L${l.id}`,
      from: busId(a),
      to: busId(b),
      ...lineParameters(t, l.lengthKm * ASSUMPTIONS.lengthFactor, l.circuits, base),
      inService: !l.underConstruction && !russian,
      dataset,
    });
  }
  // every transformer of the extract gets the PyPSA-Eur default size, whatever its `rate`
  const xTrafo = transformerParameters(ASSUMPTIONS.transformerMVA, base).x;
  const transformer = (id: string, from: string, to: string, rate: number): Branch => ({
    id,
    from,
    to,
    ...transformerParameters(ASSUMPTIONS.transformerMVA, base),
    x: xTrafo,
    rateA: rate,
    inService: true,
    dataset,
  });
  for (const t of gk.transformers) {
    if (keep.has(t.bus0) && keep.has(t.bus1)) {
      branches.push(
        transformer(
          `T${t.id}`,
          busId(byId.get(t.bus0)!),
          busId(byId.get(t.bus1)!),
          ASSUMPTIONS.transformerMVA,
        ),
      );
    }
  }
  // DC terminal buses without AC lines get a converter tie to the nearest AC bus of the country.
  const acTouched = new Set(gk.lines.flatMap((l) => [l.bus0, l.bus1]));
  for (const b of kept) {
    if (!b.dc || !home(b) || acTouched.has(b.id)) continue;
    const nearest = kept
      .filter((c) => !c.dc && home(c))
      .sort((p, q) => haversineKm(b, p) - haversineKm(b, q) || Number(p.id) - Number(q.id))[0];
    if (nearest && haversineKm(b, nearest) < 50) {
      branches.push(transformer(`C${b.id}`, busId(b), busId(nearest), ASSUMPTIONS.converterMVA));
    }
  }
  for (const b of buses) if (b.baseKV === 0) b.baseKV = 110;

  const generators: Generator[] = [];
  for (const g of gk.generators) {
    const b = byId.get(g.bus);
    if (!b || !home(b)) continue;
    const pmax = g.capacity ?? 0;
    const gen: Generator = {
      id: `G${g.id}`,
      bus: busId(b),
      Pg: 0,
      Qg: 0,
      Qmax: sig(ASSUMPTIONS.qFractionOfPmax * pmax),
      Qmin: sig(-ASSUMPTIONS.qFractionOfPmax * pmax),
      Vg: 1,
      mBase: Math.max(pmax, 1),
      // no capacity in the source: kept for the record, out of service until sourced
      inService: g.capacity !== null,
      Pmax: pmax,
      Pmin: 0,
      technology: TECHNOLOGY[g.technology] ?? g.technology,
      dataset,
    };
    if (g.name) gen.name = g.name;
    generators.push(gen);
  }
  // External equivalents, one per foreign boundary bus. A sourced border limit is shared among
  // the border's AC-tied buses in proportion to the thermal rating of their ties; a bus reached
  // only by HVDC is sized by its links; without a sourced limit, the ties' thermal rating.
  // Russian ties are out of service but keep their rating, so a replay of the pre-2025
  // arrangement (topology.ts) has a sized equivalent to switch on.
  const tieRating = (b: GkBus): number =>
    branches
      .filter(
        (br) =>
          (br.inService || b.country === 'RU') && (br.from === busId(b) || br.to === busId(b)),
      )
      .reduce((s, br) => s + br.rateA, 0);
  const linkRating = (b: GkBus): number =>
    gk.links
      .filter((l) => HVDC_LINKS[l.id] && (l.bus0 === b.id || l.bus1 === b.id))
      .reduce((s, l) => s + HVDC_LINKS[l.id]!.capacityMW, 0);
  const borderRating = new Map<string, number>();
  for (const b of kept.filter(foreign))
    borderRating.set(externalZone(b), (borderRating.get(externalZone(b)) ?? 0) + tieRating(b));
  for (const b of kept.filter(foreign)) {
    const limits = EXTERNAL_LIMITS[externalZone(b)];
    const ac = tieRating(b);
    const share = ac > 0 && limits ? ac / borderRating.get(externalZone(b))! : 0;
    // unsourced border: PyPSA-Eur's s_max_pu (0.7 of the thermal rating) as the transfer limit
    const unsourced = ASSUMPTIONS.unsourcedBorderShareOfThermal * ac;
    const importMW = sig(
      ac === 0 ? linkRating(b) : limits ? limits.importMW * share : unsourced,
      6,
    );
    const exportMW = sig(
      ac === 0 ? linkRating(b) : limits ? limits.exportMW * share : unsourced,
      6,
    );
    generators.push({
      id: `X${b.id}`,
      name: `${externalZone(b)} external equivalent`,
      bus: busId(b),
      Pg: 0,
      Qg: 0,
      Qmax: importMW,
      Qmin: -importMW,
      Vg: 1,
      mBase: Math.max(importMW, 1),
      // Russian ties are out of service; a bus whose ties are all out has nothing to give
      inService: b.country !== 'RU' && importMW > 0,
      Pmax: importMW,
      Pmin: -exportMW,
      technology: 'external',
      dataset,
    });
  }

  const hvdcLinks: HvdcLink[] = [];
  for (const l of gk.links) {
    const info = HVDC_LINKS[l.id];
    if (!info || !keep.has(l.bus0) || !keep.has(l.bus1)) continue;
    hvdcLinks.push(hvdc(l.id, info, busId(byId.get(l.bus0)!), busId(byId.get(l.bus1)!), dataset));
  }

  const net: Network = {
    formatVersion: 1,
    name: country === 'FI' ? 'fi' : 'ee',
    description: `${country === 'FI' ? 'Finnish' : 'Estonian'} transmission grid from the ENTSO-E GridKit extract, with neighbours as external equivalents (Russian ties out of service since ${RUSSIAN_TIES_OUT_SINCE[country]})`,
    baseMVA: base,
    buses,
    branches,
    generators,
    hvdcLinks,
    areas: AREAS.filter((a) => buses.some((b) => b.area === a.id)),
    countries: COUNTRIES.filter((c) => buses.some((b) => b.country === c.code)),
    datasets: [DATASETS[country]],
  };
  assignReferences(net);
  return net;
}

/** The bidding zone an external bus stands for: Sweden is SE1 north of 65°N (the Tornio
 *  ties), else SE3 (the Fenno-Skan ends and the Åland cable); other countries by name. */
export function externalZone(b: GkBus): string {
  if (b.country === 'SE') return b.lat >= 65 ? 'SE1' : 'SE3';
  return b.country;
}

function hvdc(
  id: string,
  info: { name: string; capacityMW: number },
  from: string,
  to: string,
  dataset: string,
): HvdcLink {
  return {
    id: `H${id}`,
    name: info.name,
    from,
    to,
    inService: true,
    P: 0,
    Pmin: -info.capacityMW,
    Pmax: info.capacityMW,
    lossFixed: 0,
    lossFactor: 0,
    Vf: 0,
    Vt: 0,
    Qminf: 0,
    Qmaxf: 0,
    Qmint: 0,
    Qmaxt: 0,
    dataset,
  };
}

/**
 * One reference bus per AC island with generation: an external equivalent's bus when the island
 * has one (the large system behind the border), else the bus of its largest unit. Buses of an
 * island with no generation in service (e.g. Russian boundary buses whose ties are all out) are
 * stored de-energised (type NONE).
 */
export function assignReferences(net: Network): void {
  for (const b of net.buses) if (b.type === 'REF' || b.type === 'NONE') b.type = 'PQ';
  const { islands, islandOf } = findIslands(net);
  net.buses.forEach((b, i) => {
    if (!islands[islandOf[i]!]!.hasGeneration) b.type = 'NONE';
  });
  const index = new Map(net.buses.map((b, i) => [b.id, i]));
  const best = new Map<number, { bus: number; score: number }>();
  for (const g of net.generators) {
    if (!g.inService) continue;
    const i = index.get(g.bus)!;
    const score = (g.technology === 'external' ? 1e9 : 0) + g.Pmax;
    const island = islandOf[i]!;
    const current = best.get(island);
    if (!current || score > current.score) best.set(island, { bus: i, score });
  }
  // Units hold their bus voltage (Vg); every bus with one in service is PV, one per island REF.
  for (const g of net.generators) {
    const bus = net.buses[index.get(g.bus)!]!;
    if (g.inService && bus.type === 'PQ') bus.type = 'PV';
  }
  for (const { bus } of best.values()) net.buses[bus]!.type = 'REF';
}

/** FI + EE through the FI–EE interconnectors (the Estlinks). */
export function mergeNetworks(gk: Gridkit, fi: Network, ee: Network): Network {
  const seen = new Set<string>();
  const unique = <T extends { id: string }>(xs: T[]): T[] =>
    xs.filter((x) => (seen.has(x.id) ? false : (seen.add(x.id), true)));
  const buses = unique([...fi.buses, ...ee.buses]);
  seen.clear();
  const branches = unique([...fi.branches, ...ee.branches]);
  seen.clear();
  const generators = unique([...fi.generators, ...ee.generators]);
  const byId = new Map(gk.buses.map((b) => [b.id, b]));
  const hvdcLinks = [...fi.hvdcLinks, ...ee.hvdcLinks];
  for (const l of gk.links) {
    const info = HVDC_LINKS[l.id];
    const [a, b] = [byId.get(l.bus0), byId.get(l.bus1)];
    if (
      !info ||
      !a ||
      !b ||
      new Set([a.country, b.country]).size !== 2 ||
      ![a.country, b.country].every((c) => c === 'FI' || c === 'EE')
    )
      continue;
    const fiEnd = a.country === 'FI' ? a : b;
    const eeEnd = a.country === 'FI' ? b : a;
    hvdcLinks.push(hvdc(l.id, info, busId(fiEnd), busId(eeEnd), 'gridkit-fi'));
  }
  const net: Network = {
    formatVersion: 1,
    name: 'fi-ee',
    description:
      'Finland and Estonia joined by Estlink 1 and 2; neighbours as external equivalents',
    baseMVA: fi.baseMVA,
    buses,
    branches,
    generators,
    hvdcLinks,
    areas: AREAS.filter((a) => buses.some((b) => b.area === a.id)),
    countries: COUNTRIES.filter((c) => buses.some((b) => b.country === c.code)),
    datasets: [...fi.datasets, ...ee.datasets],
  };
  assignReferences(net);
  return net;
}

// Changes to the Finnish grid since the GridKit extract (≈2016), each with its source, so the
// network is the grid of the current and pre-2025 arrangements (both after 2022):
//   - the Forest Line (400 kV Petäjävesi–Pyhänselkä), under construction in the extract, in
//     service since September 2022;
//   - the 1950s 220 kV lines it replaced (Petäjävesi–Haapajärvi, dismantled) and the 220 kV
//     lines around Haapajärvi, Reisjärvi and Haapavesi (out of the transmission grid, sold to
//     the distribution company Elenia in 2023) removed;
//   - the Oulujoki 220 kV network (Pyhänselkä–Pyhäkoski–Utanen–Nuojua) converted to 110 kV
//     (2021–2022), with the new Pyhänselkä–Nuojuankangas line built for 400 kV and 110 kV;
//   - the Petäjävesi–Jyväskylä 400 kV line of OpenStreetMap, missing from the extract.
// Without these, the old 220 kV chain is a 400 km path in parallel with the 400 kV north–south
// corridor and carries transit it no longer carries (L981 over its rating in 3,250 hours).
import type { Branch, Bus, Network } from '@finest/grid';
import { LINE_TYPES } from './assumptions.ts';
import { assignReferences, lineParameters, transformerParameters } from './build-network.ts';

const FOREST_LINE =
  'Fingrid: the Forest Line (Metsälinja, 400 kV Petäjävesi–Oulu/Muhos, 305 km) was commissioned in September 2022 (https://www.fingridlehti.fi/en/forest-line-complete/)';
const DISMANTLED =
  'Fingrid, Metsälinja project (https://www.fingrid.fi/kantaverkko/rakentaminen/arkisto/metsalinja_rakentaminen/): the old 220 kV line between Petäjävesi and Haapajärvi Pysäysperä is dismantled and the 400 kV line built in its place';
const TO_ELENIA =
  'Kaleva 2023 (https://www.kaleva.fi/fingrid-ja-elenia-tekivat-kaupat-pohjois-pohjanmaa/5225634): after the Forest Line, the old 220 kV lines of Reisjärvi, Haapajärvi and Haapavesi left the transmission grid (sold to Elenia)';
const OULUJOKI =
  'Fingrid 2021 (https://www.fingrid.fi/ajankohtaista/tiedotteet/2021/oulujoen-sahkoverkon-kehittamisen-ensimmainen-vaihe-kayttoonotettu/): the Oulujoki grid changes from 220 kV to 110 kV; Pyhänselkä–Nuojuankangas (45 km) built for 400 kV and 110 kV';

export const GRID_CHANGES = {
  inService: { L8592: FOREST_LINE } as Record<string, string>,
  removed: {
    L975: DISMANTLED,
    L976: DISMANTLED,
    L978: TO_ELENIA,
    L9103: TO_ELENIA,
    L9104: TO_ELENIA,
  } as Record<string, string>,
  /** lines now operated at 110 kV: modelled as the standard 110 kV type over the same route */
  to110kV: {
    L979: OULUJOKI,
    L980: OULUJOKI,
    L981: OULUJOKI,
    L982: OULUJOKI,
    // Kivivaara–Nuojua ends in the converted Nuojua yard (assumed converted with it)
    L983: `${OULUJOKI}; L983 ends at Nuojua and is assumed converted with it`,
  } as Record<string, string>,
  /** the 220 kV side of Pyhänselkä's transformer feeds the converted network */
  buses110kV: ['FI:6919', 'FI:6921', 'FI:8579', 'FI:6922', 'FI:6923', 'FI:6903'],
  /** 400 kV lines the extract lacks, read from the OpenStreetMap high-voltage links
   *  (ComplexNetTSP, ODbL): id, ends in the model, route length (OSM length_m) and the source */
  missing400kV: [
    {
      id: 'EPJV-6789-400',
      name: 'Petäjävesi–Jyväskylä 400 kV (from OSM)',
      from: 'FI:6783',
      to: 'FI:6789',
      km: 42.553,
      source:
        'OpenStreetMap via ComplexNetTSP Power_grids (ODbL): 400 kV link 319465 from the Petäjävesi junction (vertex 437008, 25.135E 62.281N) to vertex 47529 (25.848E 62.359N), 42,553 m; the nearest 400 kV bus of the extract to that end is FI:6789 (9.8 km). Without it Petäjävesi hangs on the Forest Line alone.',
    },
  ],
  nuojuankangas: {
    /** Pyhänselkä 400 kV, Pyhänselkä 110 kV (the converted side), Nuojua 110 kV */
    from400: 'FI:6920',
    from110: 'FI:6919',
    to110: 'FI:6923',
    km: 45,
    /** position: the Nuojua bus of the extract (Nuojuankangas is beside the Nuojua plant) */
    transformerUnits: 1,
  },
};

const removedNote = (why: string): string => `out of service: ${why}`;

/** Applies GRID_CHANGES to the Finnish national network, in place. */
export function applyGridChanges(net: Network): void {
  const branch = new Map(net.branches.map((b) => [b.id, b]));
  const get = (id: string): Branch => {
    const b = branch.get(id);
    if (!b) throw new Error(`grid-changes: branch ${id} is not in the network`);
    return b;
  };
  for (const [id, why] of Object.entries(GRID_CHANGES.inService)) {
    const b = get(id);
    b.inService = true;
    b.name = why.slice(0, why.indexOf(' (')).replace(/^Fingrid: /, '');
  }
  for (const [id, why] of Object.entries(GRID_CHANGES.removed)) {
    const b = get(id);
    b.inService = false;
    b.name = removedNote(why);
  }
  const line110 = LINE_TYPES[132]!;
  for (const [id, why] of Object.entries(GRID_CHANGES.to110kV)) {
    const b = get(id);
    Object.assign(b, lineParameters(line110, b.lengthKm ?? 0, b.circuits ?? 1, net.baseMVA), {
      name: `operated at 110 kV: ${why}`,
    });
  }
  const buses = new Map(net.buses.map((b) => [b.id, b]));
  for (const id of GRID_CHANGES.buses110kV) {
    const b = buses.get(id);
    if (!b) throw new Error(`grid-changes: bus ${id} is not in the network`);
    b.baseKV = line110.nominalKV;
  }

  for (const m of GRID_CHANGES.missing400kV) {
    for (const id of [m.from, m.to])
      if (!buses.has(id)) throw new Error(`grid-changes: bus ${id} is not in the network`);
    net.branches.push({
      id: m.id,
      name: m.name,
      from: m.from,
      to: m.to,
      ...lineParameters(LINE_TYPES[380]!, m.km, 1, net.baseMVA),
      inService: true,
      equivalent: true,
      equivalentRule: `${m.source}; route length from OSM, standard 400 kV conductor, one circuit`,
      dataset: net.datasets[0]!.id,
    });
  }

  const n = GRID_CHANGES.nuojuankangas;
  const at = buses.get(n.to110)!;
  const dataset = net.datasets[0]!.id;
  const route = n.km;
  const nuojuankangas: Bus = {
    ...structuredClone(at),
    id: 'FI:NUOJUANKANGAS',
    name: 'Nuojuankangas 400 kV',
    type: 'PQ',
    Pd: 0,
    Qd: 0,
    baseKV: LINE_TYPES[380]!.nominalKV,
    equivalent: true,
    equivalentRule: `new 400 kV substation of the Oulujoki project (${OULUJOKI}); placed at the Nuojua bus of the extract`,
  };
  net.buses.push(nuojuankangas);
  const rule = `${OULUJOKI}; ${route} km, standard conductor`;
  net.branches.push(
    {
      id: 'EPYH-NJK-400',
      name: 'Pyhänselkä–Nuojuankangas 400 kV',
      from: n.from400,
      to: nuojuankangas.id,
      ...lineParameters(LINE_TYPES[380]!, route, 1, net.baseMVA),
      inService: true,
      equivalent: true,
      equivalentRule: rule,
      dataset,
    },
    {
      id: 'EPYH-NJK-110',
      name: 'Pyhänselkä–Nuojuankangas 110 kV',
      from: n.from110,
      to: n.to110,
      ...lineParameters(line110, route, 1, net.baseMVA),
      inService: true,
      equivalent: true,
      equivalentRule: rule,
      dataset,
    },
    {
      id: 'TNJK-110',
      name: 'Nuojuankangas 400/110 kV',
      from: nuojuankangas.id,
      to: n.to110,
      ...transformerParameters(400 * n.transformerUnits, net.baseMVA),
      inService: true,
      equivalent: true,
      equivalentRule: `${n.transformerUnits} × 400 MVA 400/110 kV unit (assumed; Fingrid's unit size, see city-grid.ts)`,
      dataset,
    },
  );
  assignReferences(net);
}

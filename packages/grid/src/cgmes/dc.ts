// DC lines and converters as HVDC links: converters are grouped by the DC network they share
// (DC nodes joined by DCLineSegments and closed DC switches); a group of two converters is one
// link from the first converter to the other, carrying the first one's p (load sign
// convention: p > 0 takes power from its AC node), with what the two p leave over as its fixed
// loss.
// Converter reactive set-points go to the buses' demand. A DC network of another shape
// (multi-terminal) keeps each converter as a fixed injection at its AC node, named in a warning.
import type { NetworkBuilder } from './builder.ts';
import type { CimObject, CimStore } from './store.ts';

const CONVERTERS = ['CsConverter', 'VsConverter'];

export function convertDc(b: NetworkBuilder, store: CimStore): void {
  const converters = store.all(...CONVERTERS);
  if (converters.length === 0) return;
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  const join = (a: string, c: string): void => {
    const ra = find(a);
    const rc = find(c);
    if (ra !== rc) parent.set(ra, rc);
  };
  const dcNode = (t: CimObject): string | undefined => {
    const tn = t.optRefKey('DCBaseTerminal.DCTopologicalNode');
    if (tn !== undefined) return tn;
    const n = t.optRef('DCBaseTerminal.DCNode');
    return n?.optRefKey('DCNode.DCTopologicalNode') ?? n?.key;
  };
  const dcTerminals = new Map<string, CimObject[]>();
  for (const t of store.all('DCTerminal', 'ACDCConverterDCTerminal')) {
    const eq =
      t.optRefKey('DCTerminal.DCConductingEquipment') ??
      t.optRefKey('ACDCConverterDCTerminal.DCConductingEquipment');
    if (eq === undefined) continue;
    let list = dcTerminals.get(eq);
    if (list === undefined) dcTerminals.set(eq, (list = []));
    list.push(t);
  }
  for (const o of store.all(
    'DCLineSegment',
    'DCSwitch',
    'DCBreaker',
    'DCDisconnector',
    'DCSeriesDevice',
  )) {
    if (o.optBool('Switch.open') === true) continue;
    const nodes = (dcTerminals.get(o.key) ?? [])
      .filter((t) => t.optBool('ACDCTerminal.connected') !== false)
      .map(dcNode)
      .filter((n): n is string => n !== undefined);
    for (let i = 1; i < nodes.length; i++) join(nodes[0]!, nodes[i]!);
  }
  const groups = new Map<string, CimObject[]>();
  for (const c of converters) {
    const node = (dcTerminals.get(c.key) ?? []).map(dcNode).find((n) => n !== undefined);
    const root = node === undefined ? c.key : find(node);
    let list = groups.get(root);
    if (list === undefined) groups.set(root, (list = []));
    list.push(c);
  }
  for (const group of groups.values()) {
    const sides = group.map((c) => {
      const [end] = b.topology.ends(c, 1);
      const p = c.optNum('ACDCConverter.p') ?? c.optNum('ACDCConverter.targetPpcc') ?? 0;
      const q = c.optNum('ACDCConverter.q') ?? 0;
      return { c, end, p, q };
    });
    for (const s of sides) {
      if (s.end?.node !== undefined && s.end.connected) b.bus(s.end.node).Qd += s.q;
    }
    const [a, z] = sides;
    if (sides.length === 2 && a?.end?.node !== undefined && z?.end?.node !== undefined) {
      // The first converter (file order) is the from side; P is its p, signed as the twin's
      // HvdcLink.P, and the fixed loss is what the two converters' p leave over.
      const [send, recv] = [a, z];
      const on = send.end!.connected && recv.end!.connected;
      const P = send.p;
      const pmax = Math.max(send.c.optNum('ACDCConverter.maxP') ?? Math.abs(P), Math.abs(P));
      b.hvdcLinks.push({
        id: send.c.mrid,
        name: send.c.name ?? send.c.mrid,
        from: b.busId(send.end!.node!),
        to: b.busId(recv.end!.node!),
        inService: on,
        P,
        Pmin: -pmax,
        Pmax: pmax,
        lossFixed: Math.max(0, Math.sign(P || 1) * (send.p + recv.p)),
        lossFactor: 0,
        Vf: 0,
        Vt: 0,
        Qminf: 0,
        Qmaxf: 0,
        Qmint: 0,
        Qmaxt: 0,
      });
      continue;
    }
    for (const s of sides) {
      if (s.end?.node === undefined || !s.end.connected) continue;
      b.bus(s.end.node).Pd += s.p;
      b.warn(
        `${s.c.label}: part of a DC network of ${sides.length} converters; kept as a fixed injection of ${-s.p} MW`,
      );
    }
  }
}

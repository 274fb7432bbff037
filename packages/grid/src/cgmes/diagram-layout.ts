// Diagram positions from the DL profile (DiagramLayout): a DiagramObject draws an identified
// object with DiagramObjectPoints in its Diagram's coordinates. Buses take the mean point of the
// objects drawing their TopologicalNode, its ConnectivityNodes, or equipment with a terminal at
// it (a BusbarSection, typically); the others are completed from their neighbours
// (positions.ts). Only the first Diagram that places any bus is used, so coordinates of two
// diagrams never mix. Bus.diagram has y downwards: a Diagram with orientation "positive" (y up)
// is flipped.
import type { Bus } from '../schema/network.ts';
import type { NetworkBuilder } from './builder.ts';
import { completePositions } from './positions.ts';
import type { CimStore } from './store.ts';

/** of the diagram's extent, between buses placed at the same neighbours' mean */
const NUDGE = 0.01;

/** TopologicalNode key per identified object a diagram may draw */
function nodeOfObject(store: CimStore): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of store.all('Terminal')) {
    const eq = t.optRefKey('Terminal.ConductingEquipment');
    const tn = t.optRefKey('Terminal.TopologicalNode');
    if (eq !== undefined && tn !== undefined && !out.has(eq)) out.set(eq, tn);
  }
  for (const cn of store.all('ConnectivityNode')) {
    const tn = cn.optRefKey('ConnectivityNode.TopologicalNode');
    if (tn !== undefined) out.set(cn.key, tn);
  }
  for (const tn of store.all('TopologicalNode')) out.set(tn.key, tn.key);
  return out;
}

/** Sets diagram x/y on the builder's buses from the DL profile, when it reaches all of them. */
export function placeInDiagram(b: NetworkBuilder, store: CimStore): void {
  const objects = store.all('DiagramObject');
  if (objects.length === 0) return;
  const points = store.groupByRef('DiagramObjectPoint', 'DiagramObjectPoint.DiagramObject', 'fail');
  const toNode = nodeOfObject(store);
  const busOfNode = new Map([...b.buses].map(([key, bus]) => [key, bus]));
  let diagram: string | undefined;
  let flip = false;
  const sums = new Map<Bus, { x: number; y: number; n: number }>();
  for (const o of objects) {
    const drawn = o.optRef('DiagramObject.IdentifiedObject');
    const node = drawn === undefined ? undefined : toNode.get(drawn.key);
    const bus = node === undefined ? undefined : busOfNode.get(node);
    const pts = points.get(o.key) ?? [];
    if (bus === undefined || pts.length === 0) continue;
    const d = o.ref('DiagramObject.Diagram');
    if (diagram === undefined) {
      diagram = d.key;
      flip = d.optEnum('Diagram.orientation') === 'positive';
    } else if (d.key !== diagram) continue;
    const s = sums.get(bus) ?? { x: 0, y: 0, n: 0 };
    for (const p of pts) {
      s.x += p.num('DiagramObjectPoint.xPosition');
      s.y += p.num('DiagramObjectPoint.yPosition');
      s.n++;
    }
    sums.set(bus, s);
  }
  const given = new Map<Bus, [number, number]>();
  for (const [bus, s] of sums) given.set(bus, [s.x / s.n, ((flip ? -1 : 1) * s.y) / s.n]);
  if (given.size === 0) return;
  const xs = [...given.values()].map((p) => p[0]);
  const ys = [...given.values()].map((p) => p[1]);
  const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1);
  const done = completePositions(b, given, NUDGE * extent, 'DL diagram objects');
  if (done === undefined) return;
  for (const [bus, [x, y]] of done) bus.diagram = { x, y };
}

// DL positions (issue 20): the conformity models ship no DL profile, so the test adds one to the
// MicroGrid BE+NL (ENTSO-E CGMES conformity test configurations, via PowSyBl) drawing each of
// its TopologicalNodes. Every bus then has diagram x/y (the boundary nodes from their
// neighbours), a "positive" diagram is flipped to y downwards, and GL positions win over DL.
import { expect, it } from 'vitest';
import {
  CIM16,
  cim16Profile,
  describeOnCgmes,
  microgridFiles,
  microgridWith,
} from '../test-support/shared-cgmes.ts';
import { parseCgmes } from './load.ts';

/** a DL drawing the nodes at (10·k, 20 + 3·k) */
function dl(nodes: string[], orientation: 'positive' | 'negative'): string {
  const objs = nodes
    .map(
      (tn, k) => `
  <cim:DiagramObject rdf:ID="_do${k}">
    <cim:DiagramObject.Diagram rdf:resource="#_d"/>
    <cim:DiagramObject.IdentifiedObject rdf:resource="#${tn}"/>
  </cim:DiagramObject>
  <cim:DiagramObjectPoint rdf:ID="_dp${k}">
    <cim:DiagramObjectPoint.DiagramObject rdf:resource="#_do${k}"/>
    <cim:DiagramObjectPoint.xPosition>${10 * k}</cim:DiagramObjectPoint.xPosition>
    <cim:DiagramObjectPoint.yPosition>${20 + 3 * k}</cim:DiagramObjectPoint.yPosition>
  </cim:DiagramObjectPoint>`,
    )
    .join('');
  return cim16Profile(
    'http://entsoe.eu/CIM/DiagramLayout/3/1',
    '7c1f0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    `
  <cim:Diagram rdf:ID="_d">
    <cim:IdentifiedObject.name>MicroGrid</cim:IdentifiedObject.name>
    <cim:Diagram.orientation rdf:resource="${CIM16}OrientationKind.${orientation}"/>
  </cim:Diagram>${objs}`,
  );
}

/** the rdf:IDs of the BE and NL TopologicalNodes (not the boundary's) */
const areaNodes = (): string[] =>
  microgridFiles()
    .filter((f) => /_(BE|NL)_TP_/.test(f.name))
    .flatMap((f) => [
      ...new TextDecoder().decode(f.bytes).matchAll(/<cim:TopologicalNode rdf:ID="([^"]+)"/g),
    ])
    .map((m) => m[1]!);

describeOnCgmes('DL positions', () => {
  it("gives every bus diagram x/y: its node's point, else its neighbours' mean", () => {
    const nodes = areaNodes();
    expect(nodes.length).toBeGreaterThan(8);
    const text = dl(nodes, 'negative');
    const { network, warnings } = parseCgmes(microgridWith({ 'MicroGrid_DL.xml': text }));
    expect(network.buses.every((b) => b.diagram !== undefined)).toBe(true);
    expect(network.buses.some((b) => b.lon !== undefined)).toBe(false);
    const k = 3;
    const bus = network.buses.find((b) => b.id === nodes[k]!.replace(/^_/, ''))!;
    expect(bus.diagram).toEqual({ x: 10 * k, y: 20 + 3 * k });
    expect(warnings.join('\n')).toMatch(/not placed by DL diagram objects put at their neighbours/);
  });

  it('flips a diagram whose y axis points up', () => {
    const nodes = areaNodes();
    const { network } = parseCgmes(microgridWith({ 'MicroGrid_DL.xml': dl(nodes, 'positive') }));
    const bus = network.buses.find((b) => b.id === nodes[2]!.replace(/^_/, ''))!;
    expect(bus.diagram).toEqual({ x: 20, y: -26 });
  });

  it('names a DiagramObjectPoint with a bad coordinate', () => {
    const text = dl(areaNodes(), 'negative').replace(
      '<cim:DiagramObjectPoint.xPosition>10<',
      '<cim:DiagramObjectPoint.xPosition>ten<',
    );
    expect(() => parseCgmes(microgridWith({ 'MicroGrid_DL.xml': text }))).toThrow(
      /^MicroGrid_DL\.xml: DiagramObjectPoint dp1: DiagramObjectPoint\.xPosition is "ten", not a number/,
    );
  });
});

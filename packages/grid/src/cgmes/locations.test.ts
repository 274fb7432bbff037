// GL positions (issue 20): the conformity models ship no GL profile, so the test adds one to the
// MicroGrid BE+NL (ENTSO-E CGMES conformity test configurations, via PowSyBl): a Location per
// Substation in WGS 84. Every bus then has lon/lat (its substation's; boundary nodes and star
// points from their neighbours), and a GL the importer cannot use leaves no bus placed.
import { expect, it } from 'vitest';
import { CgmesError } from '../errors.ts';
import { cim16Profile, describeOnCgmes, microgridWith } from '../test-support/shared-cgmes.ts';
import { parseCgmes } from './load.ts';

const ANVERS = '_87f7002b-056f-4a6a-a872-1744eea757e3';
const BRUSSELS = '_37e14a0f-5e34-4647-a062-8bfd9305fa9d';
const NL = '_c49942d6-8b01-4b01-b5e8-f1180f84906c';

function gl(places: [string, number, number][], crs = 'urn:ogc:def:crs:EPSG::4326'): string {
  const objs = places
    .map(
      ([sub, lon, lat], k) => `
  <cim:Location rdf:ID="_loc${k}">
    <cim:Location.PowerSystemResources rdf:resource="#${sub}"/>
    <cim:Location.CoordinateSystem rdf:resource="#_crs"/>
  </cim:Location>
  <cim:PositionPoint rdf:ID="_pp${k}">
    <cim:PositionPoint.Location rdf:resource="#_loc${k}"/>
    <cim:PositionPoint.sequenceNumber>1</cim:PositionPoint.sequenceNumber>
    <cim:PositionPoint.xPosition>${lon}</cim:PositionPoint.xPosition>
    <cim:PositionPoint.yPosition>${lat}</cim:PositionPoint.yPosition>
  </cim:PositionPoint>`,
    )
    .join('');
  return cim16Profile(
    'http://entsoe.eu/CIM/GeographicalLocation/2/1',
    '5b0e4f6a-1d2c-4b7e-9a51-6c3f0d2e8a11',
    `
  <cim:CoordinateSystem rdf:ID="_crs">
    <cim:CoordinateSystem.crsUrn>${crs}</cim:CoordinateSystem.crsUrn>
  </cim:CoordinateSystem>${objs}`,
  );
}

const model = (gl: string) => microgridWith({ 'MicroGrid_GL.xml': gl });

describeOnCgmes('GL positions', () => {
  const places: [string, number, number][] = [
    [ANVERS, 4.4, 51.22],
    [BRUSSELS, 4.35, 50.85],
    [NL, 4.9, 52.37],
  ];

  it("places every bus: its substation's position, else its neighbours' mean", () => {
    const { network, warnings } = parseCgmes(model(gl(places)), { name: 'micro' });
    expect(network.buses.every((b) => b.lon !== undefined && b.lat !== undefined)).toBe(true);
    // BE-Busbar_6 (110 kV) is in PP_Brussels
    const b6 = network.buses.find((b) => b.id === '5c74cb26-ce2f-40c6-951d-89091eb781b6')!;
    expect([b6.lon, b6.lat]).toEqual([4.35, 50.85]);
    const boundary = network.buses.filter((b) => b.external);
    expect(boundary.length).toBeGreaterThan(0);
    for (const b of boundary) {
      expect(b.lon!).toBeGreaterThan(4.3);
      expect(b.lon!).toBeLessThan(5);
    }
    expect(warnings.join('\n')).toMatch(
      /buses not placed by GL Locations put at their neighbours' mean/,
    );
    // the buses placed from neighbours are nudged: none sits exactly on another bus
    const at = (b: { lon?: number | undefined; lat?: number | undefined }): string =>
      `${b.lon} ${b.lat}`;
    for (const b of boundary)
      expect(
        network.buses.filter((o) => at(o) === at(b)),
        b.id,
      ).toHaveLength(1);
  });

  it('places no bus when the Locations are in another reference system', () => {
    const { network, warnings } = parseCgmes(model(gl(places, 'urn:ogc:def:crs:EPSG::3067')));
    expect(network.buses.some((b) => b.lon !== undefined)).toBe(false);
    expect(warnings.join('\n')).toMatch(/EPSG::3067 were not used/);
  });

  it('refuses a position that is not a longitude, naming the PositionPoint', () => {
    try {
      parseCgmes(model(gl([[ANVERS, 400, 51]])));
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(CgmesError);
      expect((err as CgmesError).message).toMatch(
        /^MicroGrid_GL\.xml: PositionPoint pp0: xPosition 400 is not a longitude/,
      );
    }
  });

  it('names a Location that places a substation no profile defines', () => {
    expect(() => parseCgmes(model(gl([['_nowhere', 4, 51]])))).toThrow(
      /MicroGrid_GL\.xml: Location loc0: Location\.PowerSystemResources refers to "_nowhere"/,
    );
  });
});

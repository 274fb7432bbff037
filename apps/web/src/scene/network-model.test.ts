import { readFileSync } from 'node:fs';
import { branchLabel, NetworkValidationError, parseNetworkJson } from '@finest/grid/schema';
import { testBranch, testBus, testNetwork } from '@finest/grid/testing';
import { describe, expect, it } from 'vitest';
import { plane } from '../geo/projection.ts';
import { estlinkEnds, presetGoal, PRESETS } from './camera-presets.ts';
import { segmentsOfPolylines } from './flow-lines.ts';
import {
  branchTitle,
  buildSceneModel,
  cablePath,
  elementPosition,
  HEIGHTS,
  layoutIndex,
  NetworkFormatError,
  readNetwork,
} from './network-model.ts';
import { describeError } from '../state/errors.ts';
import { rayPlaneY, segmentDistance2 } from './picking.ts';

const json: unknown = JSON.parse(
  readFileSync(new URL('../../../../data/networks/fi-ee.json', import.meta.url), 'utf8'),
);

describe('the network as the scene draws it', () => {
  const model = buildSceneModel(readNetwork(json, 'fi-ee'));

  it("names every branch in the grid package's words, as the event log does", () => {
    const net = parseNetworkJson(json, 'fi-ee');
    net.branches.forEach((_, k) => expect(branchTitle(model, k)).toBe(branchLabel(net, k)));
    const k = model.branchIndex.get('L10888')!;
    expect(branchTitle(model, k)).toBe('Forssa–FI:8494 400 kV line (L10888)');
  });

  it('places every bus on the plane and groups the neighbours into boundary areas', () => {
    const k = model.busIndex.get('FI:6556')!;
    const [x, z] = plane.project(model.network.buses[k]!.lon, model.network.buses[k]!.lat);
    expect(model.busPos[3 * k]).toBeCloseTo(x, 3);
    expect(model.busPos[3 * k + 2]).toBeCloseTo(z, 3);
    expect(model.boundaries.map((b) => b.country).sort()).toEqual(['LV', 'NO', 'RU', 'SE']);
    expect(model.boundaries.find((b) => b.country === 'SE')?.label).toBe('Sweden');
    expect(Array.from(model.branchFrom).every((v) => v >= 0)).toBe(true);
  });

  it('draws HVDC links as cables under the sea, level with the stations at both ends', () => {
    const k = model.hvdcIndex.get('H14816')!;
    const p = model.hvdcPath[k]!;
    const ys = Array.from({ length: p.length / 3 }, (_, i) => p[3 * i + 1]!);
    expect(ys[0]).toBeCloseTo(HEIGHTS.node);
    expect(ys[ys.length - 1]).toBeCloseTo(HEIGHTS.node);
    expect(Math.min(...ys)).toBeCloseTo(HEIGHTS.cable);
    const c = cablePath([0, 0], [100, 0], 4);
    expect(c.length).toBe(15);
  });

  it('locates elements for the camera and maps layouts with unknown ids to −1', () => {
    expect(elementPosition(model, 'hvdc', 'H14816')).not.toBeNull();
    expect(elementPosition(model, 'branch', model.network.branches[0]!.id)).not.toBeNull();
    expect(elementPosition(model, 'generator', model.network.generators[0]!.id)).not.toBeNull();
    expect(elementPosition(model, 'substation', 'nope')).toBeNull();
    expect(Array.from(layoutIndex(['FI:6556', 'nope'], model.busIndex))).toEqual([
      model.busIndex.get('FI:6556'),
      -1,
    ]);
  });

  it('frames the Estlink corridor between its four converter stations', () => {
    expect(estlinkEnds(model)).toHaveLength(4);
    const g = presetGoal('estlink', model);
    const [hx, hz] = plane.project(24.94, 60.17);
    const [tx, tz] = plane.project(24.75, 59.44);
    // between Helsinki and Tallinn, roughly
    expect(g.target[1]).toBeGreaterThan(Math.min(hz, tz) - 40);
    expect(g.target[1]).toBeLessThan(Math.max(hz, tz) + 40);
    expect(Math.abs(g.target[0] - (hx + tx) / 2)).toBeLessThan(150);
    for (const id of PRESETS) expect(presetGoal(id, model).distance).toBeGreaterThan(0);
  });

  it('rejects a network with only some buses placed, naming the bus', () => {
    const partly = testNetwork({ buses: [testBus('B0', { lon: 25, lat: 60 }), testBus('B1')] });
    expect(() => readNetwork(partly, 'x')).toThrow(NetworkFormatError);
    expect(() => readNetwork(partly, 'x')).toThrow(/B1/);
  });

  it('rejects a network that breaks the grid schema, naming every bad field by its path', () => {
    const fiEe = json as { buses: Record<string, unknown>[] };
    const bad = { ...fiEe, buses: [{ ...fiEe.buses[0], baseKV: '400' }, ...fiEe.buses.slice(1)] };
    expect(() => readNetwork(bad, 'fi-ee')).toThrow(NetworkValidationError);
    expect(() => readNetwork(bad, 'fi-ee')).toThrow(
      'web/network fi-ee: invalid network: buses[0].baseKV: Invalid input: expected number, received string',
    );
    // the UI shows that line as the load error (boot.ts) or a toast (errors.ts)
    let caught: unknown;
    try {
      readNetwork({ formatVersion: 2 }, 'up');
    } catch (e) {
      caught = e;
    }
    expect(describeError(caught)).toMatch(/^web\/network up: invalid network: formatVersion: /);
  });

  it('draws a network without coordinates (a CGMES upload without GL/DL) on a schematic layout', () => {
    // the shape GET /api/networks/:id gives for an imported CGMES model: mRIDs, no lon/lat
    const ids = ['tn-a', 'tn-b', 'tn-c', 'tn-d', 'star'];
    const cgmes = testNetwork({
      name: 'MicroGrid-like',
      buses: ids.map((id) => testBus(id, { baseKV: 110, country: 'BE' })),
      branches: [
        testBranch('l1', 'tn-a', 'tn-b'),
        testBranch('l2', 'tn-b', 'tn-c'),
        testBranch('t1', 'tn-c', 'star', { kind: 'transformer' }),
        testBranch('t2', 'star', 'tn-d', { kind: 'transformer' }),
      ],
    });
    const view = readNetwork(cgmes, 'microgrid');
    expect(view.placement).toBe('schematic');
    expect(readNetwork(cgmes, 'microgrid')).toEqual(view);
    const m = buildSceneModel(view);
    expect(Array.from(m.branchFrom).every((k) => k >= 0)).toBe(true);
    const xz = ids.map((id) => elementPosition(m, 'bus', id)!);
    // around the plane's origin, within the drawing's span, no two buses together
    for (const [x, z] of xz) expect(Math.hypot(x, z)).toBeLessThan(200);
    for (let i = 0; i < xz.length; i++)
      for (let j = i + 1; j < xz.length; j++)
        expect(Math.hypot(xz[i]![0] - xz[j]![0], xz[i]![1] - xz[j]![1])).toBeGreaterThan(5);
    expect(readNetwork(json, 'fi-ee').placement).toBe('geographic');
    // with DL positions on every bus, the diagram is drawn instead (y down on the page = south)
    const drawn = {
      ...cgmes,
      buses: cgmes.buses.map((b, k) => ({
        ...b,
        diagram: { x: 100 * k, y: k % 2 === 0 ? 0 : 50 },
      })),
    };
    const fromDiagram = buildSceneModel(readNetwork(drawn, 'microgrid'));
    expect(fromDiagram.network.placement).toBe('diagram');
    const p = ids.map((id) => elementPosition(fromDiagram, 'bus', id)!);
    expect(p[4]![0] - p[0]![0]).toBeCloseTo(240, 0);
    expect(p[1]![1]).toBeGreaterThan(p[0]![1]);
    expect(p[2]![1]).toBeCloseTo(p[0]![1], 3);
  });
});

describe('segments and picking', () => {
  it('splits polylines into segments with the distance along each element', () => {
    const s = segmentsOfPolylines([
      Float32Array.of(0, 0, 0, 3, 0, 4, 3, 0, 10),
      new Float32Array(0),
    ]);
    expect(Array.from(s.element)).toEqual([0, 0]);
    expect(Array.from(s.along0)).toEqual([0, 5]);
    expect(Array.from(s.b.subarray(0, 3))).toEqual([3, 0, 4]);
  });

  it('measures pixel distance to a segment and meets the ground with a ray', () => {
    expect(segmentDistance2(5, 3, 0, 0, 10, 0)).toBe(9);
    expect(segmentDistance2(-3, 4, 0, 0, 10, 0)).toBe(25);
    expect(rayPlaneY(0, 10, 0, 0, -1, 1, 0)).toEqual([0, 10]);
    expect(rayPlaneY(0, 10, 0, 0, 1, 0, 0)).toBeNull();
  });
});

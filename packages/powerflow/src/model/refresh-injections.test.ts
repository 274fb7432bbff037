// A refreshed index is the index buildPfCase would build for the same network at that moment:
// the engine reuses one index across a run's steps and must not see stale injections.
import { describe, expect, it } from 'vitest';
import { testHvdcLink } from '@finest/grid/testing';
import { PowerflowInputError } from '../errors.ts';
import { triangle } from '../test-support/triangle.ts';
import { buildPfCase } from './pf-case.ts';
import { refreshInjections } from './refresh-injections.ts';

const withLink = () => {
  const net = triangle();
  net.hvdcLinks.push(testHvdcLink('h', '1', '3', { P: 10, lossFactor: 0.01 }));
  return net;
};

describe('refreshInjections', () => {
  it('writes loads, unit outputs, HVDC set-points and start voltages as buildPfCase would', () => {
    const net = withLink();
    const pf = buildPfCase(net);
    net.buses[1]!.Pd = 73;
    net.buses[1]!.Qd = 12;
    net.generators[1]!.Pg = 41;
    net.hvdcLinks[0]!.P = -25;
    const start = { Vm: [1.01, 0.97, 1.0], Va: [0, -3, -1] };
    refreshInjections(pf, net, start);
    net.buses.forEach((bus, i) => {
      bus.Vm = start.Vm[i]!;
      bus.Va = start.Va[i]!;
    });
    const fresh = buildPfCase(net);
    for (const field of ['Pd', 'Qd', 'Pg', 'Qg', 'Phvdc', 'Vm0', 'Va0'] as const)
      expect([...pf[field]], field).toEqual([...fresh[field]]);
  });

  it('refuses a value that is not finite, naming the element', () => {
    const net = withLink();
    const pf = buildPfCase(net);
    net.buses[1]!.Pd = NaN;
    expect(() => refreshInjections(pf, net)).toThrow(PowerflowInputError);
    expect(() => refreshInjections(pf, net)).toThrow(/bus "2" \(row 2\) has Pd = NaN/);
  });
});

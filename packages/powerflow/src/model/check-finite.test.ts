// Non-finite input is refused by buildPfCase, naming the element, its row and the field,
// before any solver sees it (it used to surface as a "singular Jacobian", or as NaN flows in a
// DC result marked converged).
import { describe, expect, it } from 'vitest';
import { testBus, testGenerator, testHvdcLink } from '@finest/grid/testing';
import { PowerflowInputError } from '../errors.ts';
import { triangle } from '../test-support/triangle.ts';
import { buildPfCase } from './pf-case.ts';

describe('buildPfCase refuses numbers that are not finite', () => {
  type Net = ReturnType<typeof triangle>;
  const cases: [string, (net: Net) => void, RegExp][] = [
    [
      'a NaN load',
      (net) => (net.buses[1]!.Pd = NaN),
      /^@finest\/powerflow: bus "2" \(row 2\) has Pd = NaN: every input must be finite$/,
    ],
    [
      'an infinite start voltage',
      (net) => (net.buses[0]!.Vm = Infinity),
      /bus "1" \(row 1\) has Vm = Infinity/,
    ],
    ['a NaN reactance', (net) => (net.branches[1]!.x = NaN), /branch "b" \(row 2\) has x = NaN/],
    [
      'an infinite tap',
      (net) => (net.branches[1]!.tap = -Infinity),
      /branch "b" \(row 2\) has tap = -Infinity/,
    ],
    [
      'a NaN setpoint',
      (net) => (net.generators[1]!.Vg = NaN),
      /generator "g3" \(row 2\) has Vg = NaN/,
    ],
    [
      'a NaN reactive limit',
      (net) => (net.generators[1]!.Qmin = NaN),
      /generator "g3" \(row 2\) has Qmin = NaN/,
    ],
  ];
  it.each(cases)('%s', (_, spoil, message) => {
    const net = triangle();
    spoil(net);
    expect(() => buildPfCase(net)).toThrow(PowerflowInputError);
    expect(() => buildPfCase(net)).toThrow(message);
  });

  it('checks isolated buses too: their values are reported back as given', () => {
    const net = triangle({ buses: [testBus('4', { type: 'NONE', Va: NaN })] });
    expect(() => buildPfCase(net)).toThrow(/bus "4" \(row 4\) has Va = NaN/);
  });

  it('accepts infinite reactive limits (no limit), as the dispatch split handles them', () => {
    const net = triangle({
      generators: [testGenerator('g4', '3', { Qmax: Infinity, Qmin: -Infinity })],
    });
    expect(() => buildPfCase(net)).not.toThrow();
  });

  it('names an HVDC link with a non-finite transfer, and a bad base', () => {
    const net = triangle();
    net.hvdcLinks = [testHvdcLink('dc1', '1', '2', { P: NaN })];
    expect(() => buildPfCase(net)).toThrow(/HVDC link "dc1" has a non-finite transfer or loss/);
    expect(() => buildPfCase({ ...triangle(), baseMVA: 0 })).toThrow(
      /baseMVA must be a finite number > 0, got 0/,
    );
  });
});

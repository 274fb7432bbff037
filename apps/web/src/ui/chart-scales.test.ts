import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { seriesLine, yDomain, yTickFormat } from './chart-scales.ts';

describe('chart scales shared by the run charts and the A/B overlay', () => {
  it('widens a quiet frequency to 49.9–50.1 Hz and keeps an excursion', () => {
    expect(yDomain('frequency', [])).toEqual([49.9, 50.1]);
    expect(yDomain('frequency', [49.95, 50.02])).toEqual([49.9, 50.1]);
    expect(yDomain('frequency', [49.2, NaN, 50.4])).toEqual([49.2, 50.4]);
  });

  it('starts MW charts at 0 with a floor of 10 MW shed or 100 MW transfer', () => {
    expect(yDomain('shed', [])).toEqual([0, 10]);
    expect(yDomain('shed', [3, 250])).toEqual([0, 250]);
    expect(yDomain('estlink', [-650, 300])).toEqual([-650, 300]);
    expect(yDomain('estlink', [20])).toEqual([0, 100]);
  });

  it('labels Hz to two decimals and draws a gap where a value is missing', () => {
    expect(yTickFormat('frequency')(50)).toBe('50.00');
    expect(yTickFormat('shed')(50)).toBe('50');
    const x = scaleLinear().domain([0, 2]).range([0, 2]);
    expect(seriesLine(x, x)([[0, 0], [1, NaN], [2, 2]])).toBe('M0,0ZM2,2Z');
  });
});

import { STATUS, type Frame } from '@finest/scenario/schema';
import { describe, expect, it } from 'vitest';
import {
  advancePhases,
  BUS_STRIDE,
  createFlowStyles,
  flowSpeed,
  LINE,
  summaryWidth,
  writeBranchStyles,
  writeBusStates,
  writeDistrictSupply,
  writeHvdcStyles,
  writeSummary,
} from './buffers.ts';
import { loadingCss } from './color-scale.ts';

function frame(over: Partial<Frame>): Frame {
  const f = (a: number[]): Float32Array => Float32Array.from(a);
  return {
    tick: 0,
    t: 0,
    keyframe: false,
    busVm: f([1, 1, 0]),
    busVa: f([0, 0, 0]),
    busLoadMW: f([100, 50, 0]),
    busShedMW: f([0, 50, 30]),
    branchFlowMW: f([-300, 120, 0]),
    branchLoadingPct: f([60, 118, 0]),
    branchStatus: Uint8Array.from([STATUS.IN, STATUS.IN, STATUS.TRIPPED]),
    hvdcMW: f([650, -200]),
    hvdcStatus: Uint8Array.from([STATUS.IN, STATUS.IN]),
    generatorMW: f([]),
    areaFrequencyHz: f([49.8, 50.01]),
    ...over,
  };
}

const css = (c: Float32Array, k: number): string =>
  `rgb(${[0, 1, 2].map((i) => Math.round(c[3 * k + i]! * 255)).join(' ')})`;

describe('frame → line styles', () => {
  it('maps layout order onto scene order and styles by status and loading', () => {
    const out = createFlowStyles(3);
    // the layout lists the branches in reverse scene order
    writeBranchStyles(frame({}), Int32Array.from([2, 1, 0]), Float32Array.from([2, 2, 2]), out);
    expect(Array.from(out.code)).toEqual([LINE.TRIPPED, LINE.OVERLOAD, LINE.NORMAL]);
    expect(out.mw[2]).toBe(-300);
    expect(out.speed[2]).toBeLessThan(0); // flowing to → from
    expect(out.speed[0]).toBe(0); // tripped lines do not flow
    expect(out.width[1]).toBeGreaterThan(out.width[2]!); // overloaded and fuller: wider
    expect(css(out.color, 2)).toBe(loadingCss(60));
  });

  it('skips layout elements the scene does not have', () => {
    const out = createFlowStyles(1);
    writeBranchStyles(frame({}), Int32Array.from([-1, 0, -1]), Float32Array.from([2]), out);
    expect(out.mw[0]).toBe(120);
  });

  it('rates HVDC links by |MW| / Pmax', () => {
    const out = createFlowStyles(2);
    writeHvdcStyles(frame({}), Int32Array.from([0, 1]), Float32Array.from([650, 350]), out);
    expect(out.loading[0]).toBeCloseTo(100);
    expect(out.loading[1]).toBeCloseTo(57.14, 1);
    expect(Math.sign(out.speed[1]!)).toBe(-1);
  });

  it('speeds up with MW and stands still without flow', () => {
    expect(flowSpeed(0.4)).toBe(0);
    expect(flowSpeed(100)).toBeLessThan(flowSpeed(600));
    expect(flowSpeed(5000)).toBe(flowSpeed(700));
    expect(flowSpeed(-100)).toBe(-flowSpeed(100));
  });
});

describe('frame → supply', () => {
  it('gives each bus served, shed, |V| and the supplied fraction', () => {
    const out = new Float32Array(3 * BUS_STRIDE);
    writeBusStates(frame({}), Int32Array.from([0, 1, 2]), out);
    expect(Array.from(out.subarray(4, 8))).toEqual([50, 50, 1, 0.5]);
    expect(out[2 * BUS_STRIDE + 3]).toBe(0); // all of its demand lost
  });

  it('averages a district over its feeders', () => {
    const out = new Float32Array(3);
    writeDistrictSupply(
      frame({}),
      [Int32Array.from([0]), Int32Array.from([0, 1]), Int32Array.from([2, -1])],
      out,
    );
    expect(Array.from(out)).toEqual([1, 0.75, 0.5]);
  });
});

describe('frame → summary row', () => {
  it('sums shed and served per country, reads watched links and area frequencies', () => {
    const ctx = {
      countries: 2,
      busCountry: Int8Array.from([0, 1, 1]),
      links: Int32Array.from([1, -1]),
      areas: 2,
    };
    const out = new Float64Array(summaryWidth(ctx));
    writeSummary(frame({}), ctx, out);
    expect(Array.from(out.subarray(0, 4))).toEqual([0, 80, 100, 50]);
    expect(out[4]).toBe(-200);
    expect(out[5]).toBeNaN();
    expect(out[6]).toBeCloseTo(49.8, 5);
  });
});

describe('phases', () => {
  it('advance by speed · dt and stay bounded', () => {
    const phase = Float32Array.from([0, 63.9]);
    advancePhases(phase, Float32Array.from([2, 1]), 0.5);
    expect(phase[0]).toBeCloseTo(1);
    expect(phase[1]).toBeCloseTo(0.4, 5);
  });
});

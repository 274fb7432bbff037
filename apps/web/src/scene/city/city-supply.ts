// Supply of the twin city's buildings and blocks from the frame on screen: each item is fed by
// one substation (the city layer's), so its supplied fraction is that bus's. A change starts a
// flicker: the layer keeps, per item, the supply now, the supply before and when it changed,
// and writes them into the vertex (or instance) attributes the shaders read. Counts of lit and
// dark items per city, and the feeders whose items are dark, are what the page exposes.
import { BUS_STRIDE } from '../buffers.ts';

/** s a change flickers before the windows settle */
export const FLICKER_S = 0.9;
/** an item counts as dark when its feeder supplies less than this fraction of its demand */
export const DARK_BELOW = 0.5;

/** Per item, the supplied fraction from the per-bus states (BUS_STRIDE; −1 bus = supplied). */
export function writeItemSupply(
  busState: Float32Array | null,
  itemBus: Int32Array,
  out: Float32Array,
): void {
  for (let k = 0; k < itemBus.length; k++) {
    const b = itemBus[k]!;
    out[k] = busState && b >= 0 ? busState[BUS_STRIDE * b + 3]! : 1;
  }
}

/**
 * The shown supply of a set of items with their flicker state. `apply` takes new supplied
 * fractions and the clock; it records what changed and returns how many items did.
 */
export class ItemSupply {
  readonly now: Float32Array;
  readonly before: Float32Array;
  readonly changedAt: Float32Array;
  /** 1 where the last apply changed the item */
  readonly changed: Uint8Array;

  constructor(n: number) {
    this.changed = new Uint8Array(n);
    this.now = new Float32Array(n).fill(1);
    this.before = new Float32Array(n).fill(1);
    this.changedAt = new Float32Array(n).fill(-1e4);
  }

  apply(supply: Float32Array, clock: number, flicker: boolean): number {
    let changed = 0;
    for (let k = 0; k < this.now.length; k++) {
      const v = supply[k] ?? 1;
      this.changed[k] = 0;
      if (Math.abs(v - this.now[k]!) < 0.01) continue;
      this.changed[k] = 1;
      this.before[k] = this.now[k]!;
      this.now[k] = v;
      this.changedAt[k] = flicker ? clock : -1e4;
      changed++;
    }
    return changed;
  }
}

export interface CityCounts {
  city: string;
  buildings: number;
  buildingsDark: number;
  blocks: number;
  blocksDark: number;
  /** feeding buses with at least one dark building or block, sorted */
  darkFeeders: string[];
  /** people of the city's areas without power now (area population × unsupplied fraction) */
  peopleWithoutPower: number;
  population: number;
}

export interface CountInput {
  cities: string[];
  buildingCity: Uint8Array;
  buildingFeeder: readonly string[];
  buildingSupply: Float32Array;
  blockCity: Uint8Array;
  blockFeeder: readonly string[];
  blockSupply: Float32Array;
  /** per area: city index, population, supplied fraction */
  areaCity: Uint8Array;
  areaPopulation: Float64Array;
  areaSupply: Float32Array;
}

export function countCities(x: CountInput): CityCounts[] {
  const out: CityCounts[] = x.cities.map((city) => ({
    city,
    buildings: 0,
    buildingsDark: 0,
    blocks: 0,
    blocksDark: 0,
    darkFeeders: [],
    peopleWithoutPower: 0,
    population: 0,
  }));
  const feeders = x.cities.map(() => new Set<string>());
  for (let k = 0; k < x.buildingSupply.length; k++) {
    const c = out[x.buildingCity[k]!]!;
    c.buildings++;
    if (x.buildingSupply[k]! < DARK_BELOW) {
      c.buildingsDark++;
      feeders[x.buildingCity[k]!]!.add(x.buildingFeeder[k]!);
    }
  }
  for (let k = 0; k < x.blockSupply.length; k++) {
    const c = out[x.blockCity[k]!]!;
    c.blocks++;
    if (x.blockSupply[k]! < DARK_BELOW) {
      c.blocksDark++;
      feeders[x.blockCity[k]!]!.add(x.blockFeeder[k]!);
    }
  }
  for (let a = 0; a < x.areaSupply.length; a++) {
    const c = out[x.areaCity[a]!]!;
    c.population += x.areaPopulation[a]!;
    c.peopleWithoutPower += x.areaPopulation[a]! * (1 - x.areaSupply[a]!);
  }
  out.forEach((c, k) => {
    c.darkFeeders = [...feeders[k]!].sort();
    c.peopleWithoutPower = Math.round(c.peopleWithoutPower);
  });
  return out;
}

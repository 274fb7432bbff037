// Lit and dark buildings and blocks per city for the frame on screen, from the same rule the
// scene draws with (an item is its feeder's supplied fraction; dark below DARK_BELOW). What the
// legend shows and the browser tests read.
import type { SceneState } from '../../state/scene-store.ts';
import { BUS_STRIDE, writeBusStates } from '../buffers.ts';
import { CITIES } from './city-model.ts';
import { countCities, writeItemSupply, type CityCounts } from './city-supply.ts';

export interface CountScratch {
  bus: Float32Array;
  building: Float32Array;
  block: Float32Array;
  area: Float32Array;
  buildingFeeder: string[];
  blockFeeder: string[];
}

export function countScratch(s: SceneState): CountScratch | null {
  const c = s.city;
  if (!c) return null;
  return {
    bus: new Float32Array(BUS_STRIDE * c.busCount),
    building: new Float32Array(c.buildings.length),
    block: new Float32Array(c.blockArea.length),
    area: new Float32Array(c.areas.length),
    buildingFeeder: c.buildings.map((b) => b.substation),
    blockFeeder: Array.from(c.blockArea, (a) => c.areas[a]!.substation),
  };
}

export function cityCounts(s: SceneState, x: CountScratch): CityCounts[] {
  const c = s.city;
  if (!c) return [];
  let bus: Float32Array | null = null;
  if (s.frame && s.maps) {
    x.bus.fill(0);
    for (let b = 0; b < c.busCount; b++) x.bus[BUS_STRIDE * b + 3] = 1;
    writeBusStates(s.frame, s.maps.bus, x.bus);
    bus = x.bus;
  }
  writeItemSupply(bus, c.buildingBus, x.building);
  writeItemSupply(bus, c.blockBus, x.block);
  writeItemSupply(bus, c.areaBus, x.area);
  return countCities({
    cities: [...CITIES],
    buildingCity: c.buildingCity,
    buildingFeeder: x.buildingFeeder,
    buildingSupply: x.building,
    blockCity: c.blockCity,
    blockFeeder: x.blockFeeder,
    blockSupply: x.block,
    areaCity: c.areaCity,
    areaPopulation: c.areaPopulation,
    areaSupply: x.area,
  });
}

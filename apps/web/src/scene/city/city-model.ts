// The twin city as the scene uses it: the two layers (real buildings, modelled blocks) with,
// per item, the scene index of its feeding bus and its city, built once per network.
import type { BlockArea, Building, CityLayers } from '../../geo/city-layers.ts';
import type { SceneModel } from '../network-model.ts';

export const CITIES = ['Helsinki', 'Tallinn'] as const;

export interface CityModel {
  /** buses of the scene model the indices refer to */
  busCount: number;
  buildings: Building[];
  areas: BlockArea[];
  /** per building: scene bus index of its feeder (−1 when the network lacks it), city index */
  buildingBus: Int32Array;
  buildingCity: Uint8Array;
  /** per block: its area, scene bus index of its feeder, city index */
  blockArea: Int32Array;
  blockBus: Int32Array;
  blockCity: Uint8Array;
  /** per area: scene bus index of its feeder, city index, population */
  areaBus: Int32Array;
  areaCity: Uint8Array;
  areaPopulation: Float64Array;
  /** city-layer district id → fabric area index (Helsinki postal areas) */
  areaOfDistrict: Map<string, number>;
  credits: { buildings: string; fabric: string; rule: string };
}

const cityIndex = (name: string): number => {
  const k = (CITIES as readonly string[]).indexOf(name);
  return k < 0 ? 0 : k;
};

export function buildCityModel(layers: CityLayers, model: SceneModel): CityModel {
  const bus = (id: string): number => model.busIndex.get(id) ?? -1;
  const blocks = layers.areas.reduce((s, a) => s + a.cells.length, 0);
  const blockArea = new Int32Array(blocks);
  let k = 0;
  layers.areas.forEach((a, ai) => {
    for (let c = 0; c < a.cells.length; c++) blockArea[k++] = ai;
  });
  const areaBus = Int32Array.from(layers.areas, (a) => bus(a.substation));
  const areaCity = Uint8Array.from(layers.areas, (a) => cityIndex(a.city));
  return {
    busCount: model.network.buses.length,
    buildings: layers.buildings,
    areas: layers.areas,
    buildingBus: Int32Array.from(layers.buildings, (b) => bus(b.substation)),
    // the building layer is Helsinki's
    buildingCity: new Uint8Array(layers.buildings.length).fill(cityIndex('Helsinki')),
    blockArea,
    blockBus: Int32Array.from(blockArea, (a) => areaBus[a]!),
    blockCity: Uint8Array.from(blockArea, (a) => areaCity[a]!),
    areaBus,
    areaCity,
    areaPopulation: Float64Array.from(layers.areas, (a) => a.population),
    areaOfDistrict: new Map(
      layers.areas.flatMap((a, i) => (a.area === a.district ? [[a.district, i] as const] : [])),
    ),
    credits: {
      buildings: layers.buildingSource,
      fabric: layers.fabricSource,
      rule: layers.fabricRule,
    },
  };
}

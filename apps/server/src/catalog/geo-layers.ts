// The bundled geo layers (data/geo), read once at start from a fixed list of file names. A
// request names a layer from the allow-list and gets the text read at start: no request value
// is ever part of a path.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { GEO_LAYERS, type GeoLayerName } from '@finest/protocol';

const FILES: Record<GeoLayerName, { file: string; title: string }> = {
  land: { file: 'land.geojson', title: 'Land (Natural Earth, simplified)' },
  coastline: { file: 'coastline.geojson', title: 'Coastline' },
  borders: { file: 'borders.geojson', title: 'Country borders' },
  countries: { file: 'countries.geojson', title: 'Countries' },
  'helsinki-districts': { file: 'helsinki-districts.geojson', title: 'Helsinki districts' },
  'tallinn-districts': { file: 'tallinn-districts.geojson', title: 'Tallinn districts' },
  'helsinki-buildings': {
    file: 'helsinki-buildings.geojson',
    title: 'Helsinki buildings (OpenStreetMap, City of Helsinki 3D model)',
  },
  'city-fabric': { file: 'city-fabric.geojson', title: 'City fabric modelled from statistics' },
};

export interface GeoLayer {
  id: GeoLayerName;
  title: string;
  /** the GeoJSON text as stored */
  text: string;
}

export class GeoLayers {
  private readonly layers = new Map<GeoLayerName, GeoLayer>();

  constructor(dataDir: string) {
    for (const id of GEO_LAYERS) {
      const path = join(dataDir, 'geo', FILES[id].file);
      if (existsSync(path))
        this.layers.set(id, { id, title: FILES[id].title, text: readFileSync(path, 'utf8') });
    }
  }

  list(): { id: GeoLayerName; title: string; bytes: number }[] {
    return [...this.layers.values()].map((l) => ({
      id: l.id,
      title: l.title,
      bytes: Buffer.byteLength(l.text),
    }));
  }

  get(id: GeoLayerName): GeoLayer | undefined {
    return this.layers.get(id);
  }
}

// A CityGML 2.0 LOD2 reader for the City of Helsinki's 3D city model tiles: per bldg:Building,
// its id, measured height, roof type, national building id and the polygons of its roof, wall
// and ground surfaces (3D, in the file's CRS: EPSG:3879 plane metres, N2000 heights). A
// streaming XML parse (saxes): the tiles are megabytes of posList text.
import { SaxesParser } from 'saxes';

export type SurfaceKind = 'roof' | 'wall' | 'ground';

/** A planar polygon: the exterior ring first, then holes; each ring [x, y, z] m, not closed. */
export type Polygon3 = [number, number, number][][];

export interface GmlBuilding {
  id: string;
  /** m, bldg:measuredHeight */
  measuredHeight: number | null;
  roofType: string | null;
  /** the national permanent building id (gen:stringAttribute VTJ_PRT) */
  vtjPrt: string | null;
  surfaces: { kind: SurfaceKind; polygon: Polygon3 }[];
}

const SURFACES: Record<string, SurfaceKind> = {
  'bldg:RoofSurface': 'roof',
  'bldg:WallSurface': 'wall',
  'bldg:GroundSurface': 'ground',
};

function ringOf(text: string, file: string, id: string): [number, number, number][] {
  const v = text.trim().split(/\s+/).map(Number);
  if (v.length % 3 !== 0 || v.some((x) => !Number.isFinite(x)))
    throw new Error(`citygml: ${file}: building ${id}: a posList is not x y z triples`);
  const ring: [number, number, number][] = [];
  for (let k = 0; k < v.length; k += 3) ring.push([v[k]!, v[k + 1]!, v[k + 2]!]);
  const a = ring[0];
  const b = ring[ring.length - 1];
  if (ring.length > 1 && a && b && a[0] === b[0] && a[1] === b[1] && a[2] === b[2]) ring.pop();
  return ring;
}

/** Every building of a CityGML document (text), in document order. */
export function readCityGml(text: string, file: string): GmlBuilding[] {
  const out: GmlBuilding[] = [];
  const parser = new SaxesParser();
  let building: GmlBuilding | null = null;
  let kind: SurfaceKind | null = null;
  let polygon: Polygon3 | null = null;
  let attribute: string | null = null;
  /** the element whose text is being collected */
  let collecting: string | null = null;
  let buffer = '';
  parser.on('error', (e) => {
    throw new Error(`citygml: ${file}: ${e.message}`);
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (name === 'bldg:Building') {
      const id = tag.attributes['gml:id'];
      building = {
        id: typeof id === 'string' ? id : `building-${out.length}`,
        measuredHeight: null,
        roofType: null,
        vtjPrt: null,
        surfaces: [],
      };
    } else if (!building) return;
    else if (name in SURFACES) kind = SURFACES[name]!;
    else if (name === 'gml:Polygon' && kind) polygon = [];
    else if (name === 'gen:stringAttribute') {
      const n = tag.attributes['name'];
      attribute = typeof n === 'string' ? n : null;
    } else if (
      name === 'bldg:measuredHeight' ||
      name === 'bldg:roofType' ||
      (name === 'gml:posList' && polygon) ||
      (name === 'gen:value' && attribute === 'VTJ_PRT')
    ) {
      collecting = name;
      buffer = '';
    }
  });
  parser.on('text', (t) => {
    if (collecting) buffer += t;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    const b = building as GmlBuilding | null;
    if (!b) return;
    if (collecting === name) {
      collecting = null;
      if (name === 'bldg:measuredHeight') b.measuredHeight = Number(buffer.trim());
      else if (name === 'bldg:roofType') b.roofType = buffer.trim();
      else if (name === 'gen:value') b.vtjPrt = buffer.trim() || null;
      else if (name === 'gml:posList' && polygon) polygon.push(ringOf(buffer, file, b.id));
    }
    if (name === 'gen:stringAttribute') attribute = null;
    else if (name === 'gml:Polygon' && polygon && kind) {
      if (polygon.length > 0 && polygon[0]!.length >= 3) b.surfaces.push({ kind, polygon });
      polygon = null;
    } else if (name in SURFACES) kind = null;
    else if (name === 'bldg:Building') {
      if (b.measuredHeight !== null && !Number.isFinite(b.measuredHeight))
        throw new Error(`citygml: ${file}: building ${b.id}: measuredHeight is not a number`);
      out.push(b);
      building = null;
    }
  });
  parser.write(text).close();
  return out;
}

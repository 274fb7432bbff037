// Boots the app: the network, the base map, the city layers and the twin city, then the
// library, the runs and the stream.
import { api } from '../api/rest.ts';
import { readCityLayers } from '../geo/city-layers.ts';
import { districtsFrom, type FeatureCollection } from '../geo/layers.ts';
import { plane } from '../geo/projection.ts';
import type { GeoLayers } from '../scene/base-map.ts';
import { buildCityModel } from '../scene/city/city-model.ts';
import { appStore } from './app-store.ts';
import { describeError } from './errors.ts';
import { refreshRuns, refreshScenarios } from './lists.ts';
import { DEFAULT_NETWORK, loadNetwork } from './networks.ts';
import { sceneStore } from './scene-store.ts';
import { sessionStore } from './session-store.ts';
import { connect } from './stream.ts';

export async function boot(): Promise<void> {
  if (sessionStore.getState().booted) return;
  sessionStore.setState({ booted: true });
  try {
    const [model, land, coastline, borders, countries, hel, tln, buildings, fabric] =
      await Promise.all([
        loadNetwork(DEFAULT_NETWORK),
        api.geo('land'),
        api.geo('coastline'),
        api.geo('borders'),
        api.geo('countries'),
        api.geo('helsinki-districts'),
        api.geo('tallinn-districts'),
        api.geoJson('helsinki-buildings'),
        api.geoJson('city-fabric'),
      ]);
    const geo: GeoLayers = { land, coastline, borders, countries };
    const districts = [hel, tln].flatMap((fc: FeatureCollection) => districtsFrom(fc, plane));
    const city = buildCityModel(readCityLayers(buildings, fabric, plane), model);
    sceneStore.setState({ model, districts, geo, city });
    appStore.setState({ phase: 'ready' });
  } catch (e) {
    appStore.setState({ phase: 'error', loadError: describeError(e) });
    return;
  }
  void refreshScenarios();
  void refreshRuns();
  connect();
}

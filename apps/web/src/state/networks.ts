// The networks as scene models, loaded once each.
import { api } from '../api/rest.ts';
import { buildSceneModel, type SceneModel } from '../scene/network-model.ts';
import { sessionStore } from './session-store.ts';

export const DEFAULT_NETWORK = 'fi-ee';

export async function loadNetwork(id: string): Promise<SceneModel> {
  const { networks } = sessionStore.getState();
  const known = networks.get(id);
  if (known) return known;
  const m = buildSceneModel(await api.network(id));
  networks.set(id, m);
  return m;
}

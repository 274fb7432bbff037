// What the route plugins share: configuration, the store and the catalogues, built once by
// buildApp and handed to every plugin in its options.
import type { TokenCheck } from './auth.ts';
import type { GeoLayers } from './catalog/geo-layers.ts';
import type { NetworkCatalog } from './catalog/network-catalog.ts';
import type { ScenarioCatalog } from './catalog/scenario-catalog.ts';
import type { ServerConfig } from './config.ts';
import type { RunService } from './runs/run-service.ts';
import type { Store } from './store/store.ts';
import type { SweepService } from './sweeps/sweep-service.ts';

export interface Services {
  config: ServerConfig;
  store: Store;
  networks: NetworkCatalog;
  scenarios: ScenarioCatalog;
  geo: GeoLayers;
  runs: RunService;
  sweeps: SweepService;
  checkToken: TokenCheck;
  /** counts the WebSocket plugin keeps up to date */
  stream: { viewers: number; playbacks: () => number };
  /** epoch ms */
  startedAt: number;
  version: string;
}

export interface PluginOptions {
  services: Services;
}

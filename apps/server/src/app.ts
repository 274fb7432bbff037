// buildApp: the whole server as a Fastify instance, apart from listen() (tests use inject()
// and ephemeral ports). Opens the store, loads the bundled data, resumes interrupted runs,
// registers every feature as a plugin, and closes everything in order on app.close().
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { BUNDLED_DATA_DIR, loadBundledData, prepareEngine } from '@finest/scenario';
import { installWriteGuard, tokenChecker } from './auth.ts';
import { GeoLayers } from './catalog/geo-layers.ts';
import { NetworkCatalog } from './catalog/network-catalog.ts';
import { ScenarioCatalog } from './catalog/scenario-catalog.ts';
import { resolveConfig, securityNotice, type BuildAppOptions } from './config.ts';
import { frameworkErrors, installErrorHandler } from './error-handler.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerWebApp } from './plugins/web-app.ts';
import { geoRoutes } from './routes/geo.ts';
import { healthRoutes } from './routes/health.ts';
import { n1Routes } from './routes/n1.ts';
import { networkRoutes } from './routes/networks.ts';
import { runRoutes } from './routes/runs.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { sweepRoutes } from './routes/sweeps.ts';
import { RunService } from './runs/run-service.ts';
import type { Services } from './services.ts';
import { storageFailure } from './store/storage-error.ts';
import { openStore } from './store/store.ts';
import { SweepService } from './sweeps/sweep-service.ts';
import { streamPlugin } from './ws/stream-plugin.ts';

export type { BuildAppOptions } from './config.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Never log a token that came in a WebSocket URL. */
const redact = (url: string): string => url.replace(/([?&]token=)[^&]*/gi, '$1[redacted]');

function loggerOption(logger: BuildAppOptions['logger']): boolean | Record<string, unknown> {
  if (logger === undefined || logger === false) return false;
  const base = logger === true ? { level: 'info' } : logger;
  return {
    ...base,
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: redact(req.url),
        remoteAddress: req.ip,
      }),
    },
  };
}

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const config = resolveConfig(opts);
  const app = Fastify({
    logger: loggerOption(opts.logger),
    bodyLimit: config.limits.bodyBytes,
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const bundledDir = config.bundledDataDir ?? BUNDLED_DATA_DIR;
  const bundled = loadBundledData(bundledDir);
  // runs are started synchronously from requests: the engine's solver is loaded up front
  await prepareEngine();
  const store = openStore(config.dataDir, { maxBytes: config.limits.storeMaxBytes });
  try {
    const networks = new NetworkCatalog(
      bundled.networks,
      store.networks,
      store.runs,
      config.limits.maxNetworks,
      config.limits.cgmesModelBytes,
    );
    const runs = new RunService(store, networks, bundled, config.limits.maxActiveRuns);
    const scenarios = new ScenarioCatalog(bundled.scenarios, store.scenarios);
    const sweeps = new SweepService(store, scenarios, networks, bundled, runs, {
      ...config.sweeps,
      bundledDataDir: config.bundledDataDir,
    });
    const services: Services = {
      config,
      store,
      networks,
      scenarios,
      geo: new GeoLayers(bundledDir),
      runs,
      sweeps,
      checkToken: tokenChecker(config.token),
      stream: { viewers: 0, playbacks: () => 0 },
      startedAt: Date.now(),
      version: VERSION,
    };

    installErrorHandler(app);
    installWriteGuard(app, services.checkToken);
    await registerOpenApi(app, VERSION);
    await app.register(websocket, {
      options: { maxPayload: config.limits.wsMessageBytes },
      // the plugin's default closes viewers without a code (they see 1005): say why instead
      preClose(this: FastifyInstance, done: () => void) {
        for (const client of this.websocketServer.clients)
          client.close(1001, 'server shutting down');
        this.server.removeAllListeners('upgrade');
        this.websocketServer.close();
        done();
      },
    });
    for (const plugin of [
      healthRoutes,
      networkRoutes,
      geoRoutes,
      scenarioRoutes,
      runRoutes,
      n1Routes,
      sweepRoutes,
    ])
      await app.register(plugin, { services });
    await app.register(streamPlugin, { services });
    await registerWebApp(app, config.webDistDir);

    app.addHook('onReady', async () => {
      let resumed: string[] = [];
      try {
        resumed = runs.recover();
        sweeps.recover();
      } catch (err) {
        // a full disk must not keep the twin from serving what it has; the runs resume later
        const failure = storageFailure(err);
        if (!failure) throw err;
        app.log.error({ err }, `interrupted runs not resumed: ${failure.message}`);
      }
      app.log.info(
        { dataDir: config.dataDir, schema: store.migration, resumedRuns: resumed.length },
        `store ready; ${securityNotice(config)}`,
      );
    });
    // after the WebSocket plugin's preClose (viewers closed): stop computing, then close the DB
    app.addHook('onClose', async () => {
      await sweeps.close();
      runs.close();
      store.close();
    });
    return app;
  } catch (err) {
    store.close();
    throw err;
  }
}

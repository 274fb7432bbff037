// The WebSocket at /ws (packages/protocol): JSON calls in, JSON events and binary frames out.
// A protocol-level heartbeat pings every client; one that did not answer the previous ping is
// terminated, so dead peers never hold buffers. The write token may come as the Authorization
// header or ?token= (browsers cannot set headers on a WebSocket).
import type { FastifyPluginAsync } from 'fastify';
import { PROTOCOL_VERSION } from '@finest/protocol';
import { presentedToken } from '../auth.ts';
import type { PluginOptions } from '../services.ts';
import { handleMessage, parseClientMessage } from './handle-message.ts';
import { PlaybackHub } from './hub.ts';
import { SweepWatch } from './sweep-watch.ts';
import { Viewer } from './viewer.ts';

export const streamPlugin: FastifyPluginAsync<PluginOptions> = async (app, { services }) => {
  const { limits } = services.config;
  const hub = new PlaybackHub(services.runs);
  const sweepWatch = new SweepWatch(services.sweeps);
  const viewers = new Set<Viewer>();
  services.stream.playbacks = () => hub.size;

  const heartbeat = setInterval(() => {
    for (const v of viewers) {
      if (!v.alive) {
        v.ws.terminate();
        continue;
      }
      v.alive = false;
      v.ws.ping();
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

  app.get('/ws', { websocket: true, schema: { hide: true } }, (socket, req) => {
    const viewer = new Viewer(
      socket,
      { softBufferBytes: limits.wsSoftBufferBytes, hardBufferBytes: limits.wsHardBufferBytes },
      services.checkToken(presentedToken(req, true)),
    );
    viewers.add(viewer);
    services.stream.viewers = viewers.size;
    socket.on('pong', () => {
      viewer.alive = true;
    });
    socket.on('message', (data, isBinary) => {
      const msg = parseClientMessage(data, isBinary);
      if (msg.type === 'error') {
        viewer.send(msg);
        return;
      }
      try {
        handleMessage(viewer, msg, services, hub, sweepWatch);
      } catch (err) {
        req.log.error({ err }, 'WebSocket message failed');
        viewer.send({
          type: 'error',
          code: 'FINEST_INTERNAL',
          message: 'internal error; see the server log',
          ref: msg.type,
        });
      }
    });
    socket.on('close', () => {
      viewers.delete(viewer);
      services.stream.viewers = viewers.size;
      hub.leaveAll(viewer);
      sweepWatch.leaveAll(viewer);
      viewer.dispose();
    });
    socket.on('error', (err) => req.log.warn({ err }, 'WebSocket error'));
    viewer.send({
      type: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      serverTime: new Date().toISOString(),
    });
  });

  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    hub.close();
    sweepWatch.close();
    for (const v of viewers) {
      v.dispose();
      v.ws.close(1001, 'server shutting down');
    }
  });
};

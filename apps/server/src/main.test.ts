import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, DEFAULT_PORT, entryConfig, main } from './main.ts';

describe('the server entry', () => {
  it('reads HOST, PORT, FINEST_DATA_DIR and FINEST_TOKEN with safe defaults', () => {
    expect(entryConfig({})).toEqual({
      host: '127.0.0.1',
      port: DEFAULT_PORT,
      dataDir: resolve(DEFAULT_DATA_DIR),
      token: undefined,
      logLevel: 'info',
      storeMaxBytes: Number.POSITIVE_INFINITY,
      sweeps: {},
    });
    expect(entryConfig({ FINEST_STORE_MAX_MB: '2' }).storeMaxBytes).toBe(2 * 1024 * 1024);
    expect(
      entryConfig({ FINEST_SWEEP_WORKERS: '2', FINEST_QUEUE: 'redis://10.0.0.5:6379' }).sweeps,
    ).toEqual({ workers: 2, queue: 'redis://10.0.0.5:6379' });
    expect(() => entryConfig({ FINEST_STORE_MAX_MB: 'lots' })).toThrow(/FINEST_STORE_MAX_MB/);
    expect(entryConfig({ FINEST_CGMES_UPLOAD_MB: '8' }).cgmesUploadBytes).toBe(8 * 1024 * 1024);
    expect(() => entryConfig({ FINEST_CGMES_UPLOAD_MB: '-1' })).toThrow(/FINEST_CGMES_UPLOAD_MB/);
    expect(
      entryConfig({
        HOST: '0.0.0.0',
        PORT: '9000',
        FINEST_DATA_DIR: '/srv/finest',
        FINEST_TOKEN: 't',
      }),
    ).toMatchObject({ host: '0.0.0.0', port: 9000, dataDir: '/srv/finest', token: 't' });
    expect(() => entryConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => entryConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('refuses to start on a public address without a token, before opening anything', async () => {
    const code = await main({
      HOST: '0.0.0.0',
      PORT: '0',
      FINEST_DATA_DIR: '/nonexistent/never-created',
    });
    expect(code).toBe(1);
    for (const bad of [{ FINEST_QUEUE: 'http://x' }, { FINEST_SWEEP_WORKERS: 'many' }])
      expect(await main({ PORT: '0', FINEST_DATA_DIR: '/nonexistent/never-created', ...bad })).toBe(
        1,
      );
  });
});

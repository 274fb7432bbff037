// A full or read-only disk: clear answers, not a crash. In process, the store's quota
// (FINEST_STORE_MAX_MB) fails writes exactly as a full disk does (SQLITE_FULL); as a child
// process, a real tmpfs too small for the store and a read-only one (mounted in a private
// user and mount namespace with unshare, skipped where the machine does not allow it).
import Database from 'better-sqlite3';

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS } from '../../../../testing/needs.ts';
import { TEST_SCENARIO, testServer, waitForRun, type TestServer } from '../testing/app.ts';
import { ServerExitedError, startServerChild } from '../testing/server-child.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { DB_FILE } from '../store/open-db.ts';
import { storageFailure } from '../store/storage-error.ts';
import { openStore } from '../store/store.ts';
import { FAULT_RUN } from './write-load.ts';

const scenario = (i: number): Record<string, unknown> => ({
  ...TEST_SCENARIO,
  id: `fill-${i}`,
  title: `Filler ${i}`,
  description: 'x'.repeat(1500),
});

const noInternals = (body: string): void => {
  expect(body).not.toMatch(/\n\s+at |node_modules|\/src\/|SqliteError|SQLITE_/);
};

describe('a store at its quota (as a full disk)', () => {
  let s: TestServer;
  const saved: string[] = [];
  beforeAll(async () => {
    s = await testServer({ limits: { storeMaxBytes: 400 * 1024 } });
  });
  afterAll(() => s.close());

  it('answers 507 FINEST_STORAGE_FULL, keeps what was saved and goes on serving reads', async () => {
    let full: { statusCode: number; body: string } | undefined;
    for (let i = 0; i < 2000 && !full; i++) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/scenarios',
        payload: scenario(i),
      });
      if (res.statusCode === 201) saved.push(`fill-${i}`);
      else full = res;
    }
    expect(saved.length).toBeGreaterThan(10);
    expect(full?.statusCode).toBe(507);
    expect(JSON.parse(full!.body)).toMatchObject({
      code: 'FINEST_STORAGE_FULL',
      message: expect.stringMatching(/full: nothing was saved; free space/),
    });
    noInternals(full!.body);
    for (const id of saved) {
      const res = await s.app.inject({ url: `/api/scenarios/${id}` });
      expect(res.statusCode, id).toBe(200);
    }
    expect((await s.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  it('fails a run whose frames no longer fit, saying why, and takes writes again once space is freed', async () => {
    // free a little: enough for the run's record, not for an hour of frames
    let runId: string | undefined;
    while (!runId && saved.length > 0) {
      await s.app.inject({ method: 'DELETE', url: `/api/scenarios/${saved.pop()!}` });
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/runs',
        payload: { scenario: FAULT_RUN },
      });
      if (res.statusCode === 202) runId = (res.json() as { run: { id: string } }).run.id;
      else expect(res.statusCode).toBe(507);
    }
    const done = await waitForRun(s.app, runId!);
    expect(done.status).toBe('failed');
    // the run's frames (or its first writes, with a larger network) hit the quota
    expect(done.error).toMatch(/could not be saved: .*full|is full: nothing was saved/);
    await s.app.inject({ method: 'DELETE', url: `/api/runs/${runId!}` });
    const again = await s.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: scenario(9999),
    });
    expect(again.statusCode).toBe(201);
    const db = new Database(join(s.dataDir, DB_FILE), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

describe('storage failures as answers', () => {
  it('maps a refused write (read-only) to FINEST_STORAGE_READ_ONLY', () => {
    const dir = tempDir();
    const store = openStore(dir.path);
    store.db.pragma('query_only = ON');
    let thrown: unknown;
    try {
      store.scenarios.insert('x', '{}', new Date().toISOString());
    } catch (err) {
      thrown = err;
    }
    store.close();
    dir.remove();
    expect(storageFailure(thrown)).toMatchObject({
      code: 'FINEST_STORAGE_READ_ONLY',
      statusCode: 503,
      message: expect.stringMatching(/read-only: nothing was saved/),
    });
    expect(storageFailure(new Error('not a storage failure'))).toBeNull();
  });

  it('refuses a data directory it cannot create, in one line, exit code 1', async () => {
    const dir = tempDir();
    writeFileSync(join(dir.path, 'a-file'), 'in the way');
    const err = await startServerChild({ dataDir: join(dir.path, 'a-file', 'data') }).then(
      () => undefined,
      (e: unknown) => e,
    );
    dir.remove();
    expect(err).toBeInstanceOf(ServerExitedError);
    const { exit, stderr } = err as ServerExitedError;
    expect(exit.code).toBe(1);
    expect(stderr.trim()).toMatch(
      /^finest-server: cannot use the data directory .*a part of the path is a file, not a directory \(ENOTDIR\)$/,
    );
  });
});

/** argv that runs the server in a private mount namespace with a fresh tmpfs at the data dir */
const onTmpfs = (mountOptions: string, prepare = ''): string[] => [
  'unshare',
  '-rm',
  'sh',
  '-c',
  `D=$0; SRC=$1; shift; mount -t tmpfs -o ${mountOptions} tmpfs "$D" || exit 97; ${prepare} exec "$@"`,
];

describeNeeding(NEEDS.unshare, 'a real disk (tmpfs in a private mount namespace)', () => {
  const dirs: { remove: () => void }[] = [];
  afterAll(() => dirs.forEach((d) => d.remove()));
  const dir = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };

  async function refusal(
    wrapper: string[],
    dataDir: string,
    src = '-',
  ): Promise<ServerExitedError> {
    const err = await startServerChild({ dataDir, wrapper: [...wrapper, dataDir, src] }).then(
      async (s) => {
        await s.kill('SIGKILL');
        throw new Error('the server started');
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ServerExitedError);
    const { exit, stderr } = err as ServerExitedError;
    expect(exit.code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    noInternals(stderr);
    return err as ServerExitedError;
  }

  it('too small for the store: refused at start, saying the disk is full', async () => {
    const err = await refusal(onTmpfs('size=64k'), dir());
    expect(err.stderr).toMatch(/^finest-server: cannot prepare the store .*is full/);
  });

  it('read-only with a store on it: refused at start, saying it is read-only', async () => {
    const src = dir();
    openStore(src).close();
    const err = await refusal(
      onTmpfs('size=4m', 'cp "$SRC/finest.db" "$D/" && mount -o remount,ro "$D" &&'),
      dir(),
      src,
    );
    expect(err.stderr).toMatch(/cannot use the data directory .*read-only \(EROFS\)/);
  });

  it('filling up while serving: 507 on writes, reads and the process carry on', async () => {
    const dataDir = dir();
    const server = await startServerChild({
      dataDir,
      wrapper: [...onTmpfs('size=400k'), dataDir, '-'],
    });
    try {
      let status = 201;
      let body = '';
      const saved: string[] = [];
      for (let i = 0; i < 2000 && status === 201; i++) {
        const res = await fetch(`${server.url}/api/scenarios`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(scenario(i)),
        });
        status = res.status;
        body = await res.text();
        if (status === 201) saved.push(`fill-${i}`);
      }
      expect(status).toBe(507);
      expect(JSON.parse(body)).toMatchObject({ code: 'FINEST_STORAGE_FULL' });
      noInternals(body);
      for (const id of saved)
        expect((await fetch(`${server.url}/api/scenarios/${id}`)).status, id).toBe(200);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      const exit = await server.kill('SIGTERM');
      expect(exit.code).toBe(0);
    }
  });
});

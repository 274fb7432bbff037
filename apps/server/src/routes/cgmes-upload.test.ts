// CGMES zip uploads (issue 20) over real HTTP (inject): the ENTSO-E conformity models in
// ../shared/cgmes (MicroGrid BE+NL, CGMES 2.4.15; MiniGrid, CGMES 3.0; ENTSO-E CGMES conformity
// test configurations via PowSyBl) zipped here with fflate are stored, listed, survive a
// restart and serve N-1 and scenario runs; bad uploads (truncated zip, entity expansion, a
// missing TP profile, bad XML, a dangling reference, an unsupported class, too large) get 400
// or 413 naming the file, element and fault, and leave the store as it was.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { strFromU8, strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../../../testing/needs.ts';
import { testServer, waitForRun, type TestServer } from '../testing/app.ts';
import { tempDir } from '../testing/temp-dir.ts';

const SHARED = join(SHARED_DIR, 'cgmes', '/');
const MICROGRID = join(SHARED, 'microgrid-bc-cgmes2');
const MINIGRID = join(SHARED, 'minigrid-cgmes3');

const UPLOAD_LIMIT = 2 * 1024 * 1024;
const MODEL_LIMIT = 8 * 1024 * 1024;

/** the folder's profiles by file name */
const profiles = (dir: string): Record<string, Uint8Array> =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((n) => n.endsWith('.xml'))
      .map((n) => [n, new Uint8Array(readFileSync(join(dir, n)))]),
  );

/** the profiles with one file's text changed */
function edited(
  files: Record<string, Uint8Array>,
  match: RegExp,
  edit: (text: string) => string,
): Record<string, Uint8Array> {
  const name = Object.keys(files).find((n) => match.test(n));
  if (name === undefined) throw new Error(`no profile matches ${match}`);
  const text = strFromU8(files[name]!);
  const changed = edit(text);
  if (changed === text) throw new Error(`the edit of ${name} changed nothing`);
  return { ...files, [name]: strToU8(changed) };
}

describeNeeding(NEEDS.cgmes, 'CGMES zip uploads', () => {
  const dir = tempDir();
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer({
      dataDir: dir.path,
      limits: { cgmesUploadBytes: UPLOAD_LIMIT, cgmesModelBytes: MODEL_LIMIT },
    });
  });
  afterAll(async () => {
    await s.close();
    dir.remove();
  });

  const upload = (zip: Uint8Array, name = 'model.zip', type = 'application/zip') =>
    s.app.inject({
      method: 'POST',
      url: `/api/networks?name=${encodeURIComponent(name)}`,
      headers: { 'content-type': type },
      payload: Buffer.from(zip),
    });
  const listed = async (): Promise<string> => (await s.app.inject({ url: '/api/networks' })).body;

  /** a bad upload: the status, code and message; the list of networks is unchanged */
  async function refused(
    zip: Uint8Array,
    name: string,
  ): Promise<{
    status: number;
    code: string;
    message: string;
    issues: { path: string; message: string }[];
  }> {
    const before = await listed();
    const res = await upload(zip, name);
    expect(await listed()).toBe(before);
    const body = res.json() as {
      code: string;
      message: string;
      issues?: { path: string; message: string }[];
    };
    expect(body.message).not.toMatch(/\/(work|tmp|home)\//);
    return {
      status: res.statusCode,
      code: body.code,
      message: body.message,
      issues: body.issues ?? [],
    };
  }

  it('stores the MicroGrid (2.4.15, with its boundary set), lists it and keeps it across a restart', async () => {
    const res = await upload(zipSync(profiles(MICROGRID)), 'MicroGrid BE+NL.zip');
    expect(res.statusCode, res.body).toBe(201);
    const { network } = res.json() as {
      network: {
        id: string;
        name: string;
        buses: number;
        branches: number;
        builtIn: boolean;
        countries: string[];
      };
    };
    expect(network).toMatchObject({
      id: 'microgrid-be-nl',
      name: 'MicroGrid BE+NL',
      builtIn: false,
      buses: 18,
    });
    expect(network.countries).toEqual(['BE', 'NL']);
    const got = (await s.app.inject({ url: `/api/networks/${network.id}` })).json() as {
      buses: { id: string; baseKV: number }[];
    };
    // the TopologicalNode mRIDs are the bus ids
    expect(got.buses.find((b) => b.id === '5c74cb26-ce2f-40c6-951d-89091eb781b6')?.baseKV).toBe(
      110,
    );

    await s.close();
    s = await s.restart();
    const after = (await s.app.inject({ url: '/api/networks' })).json() as {
      networks: { id: string }[];
    };
    expect(after.networks.map((n) => n.id)).toContain('microgrid-be-nl');
    const again = (await s.app.inject({ url: '/api/networks/microgrid-be-nl' })).json() as {
      buses: unknown[];
    };
    expect(again.buses).toHaveLength(18);
  });

  it('stores the MiniGrid (3.0) as a zip of zips sent as application/x-zip-compressed, and screens it N-1', async () => {
    const inner = Object.fromEntries(
      Object.entries(profiles(MINIGRID)).map(([n, b]) => [
        n.replace(/\.xml$/, '.zip'),
        zipSync({ [n]: b }),
      ]),
    );
    const res = await upload(zipSync(inner), 'minigrid.zip', 'application/x-zip-compressed');
    expect(res.statusCode, res.body).toBe(201);
    const { network } = res.json() as { network: { id: string; buses: number } };
    expect(network).toMatchObject({ id: 'minigrid', buses: 15 });
    const n1 = await s.app.inject({ method: 'POST', url: `/api/networks/${network.id}/n1` });
    expect(n1.statusCode, n1.body).toBe(202);
    const done = await waitForRun(s.app, (n1.json() as { run: { id: string } }).run.id);
    expect(done.status).toBe('done');
    expect(done.n1?.baseConverged).toBe(true);
    expect(done.n1?.contingencies).toBeGreaterThan(0);
  });

  it('runs a scenario whose network is the uploaded model', async () => {
    const net = (await s.app.inject({ url: '/api/networks/microgrid-be-nl' })).json() as {
      branches: { id: string }[];
    };
    const line = '17086487-56ba-4979-b8de-064025a6b4da'; // BE-Line_1, an ACLineSegment mRID
    expect(net.branches.map((b) => b.id)).toContain(line);
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/runs',
      payload: {
        scenario: {
          schemaVersion: 1,
          id: 'cgmes-line-trip',
          title: 'MicroGrid: BE-Line_1 trips',
          network: 'microgrid-be-nl',
          start: { time: '2024-12-25T12:00:00+01:00' },
          durationS: 600,
          stepS: 60,
          events: [{ type: 'trip', at: 120, element: { kind: 'branch', id: line }, cause: 'test' }],
        },
      },
    });
    expect(res.statusCode, res.body).toBe(202);
    const done = await waitForRun(s.app, (res.json() as { run: { id: string } }).run.id);
    expect(done.status, JSON.stringify(done)).toBe('done');
    expect(done.run.networkId).toBe('microgrid-be-nl');
  });

  it('answers a truncated zip with 400 naming the upload', async () => {
    const zip = zipSync(profiles(MICROGRID));
    const r = await refused(zip.slice(0, Math.floor(zip.length / 2)), 'cut.zip');
    expect(r.status).toBe(400);
    expect(r.code).toBe('FINEST_CGMES_INVALID');
    expect(r.message).toMatch(/^cut\.zip: not a readable zip archive/);
  });

  it('answers entity expansion (a DOCTYPE) with 400 naming the profile, at once', async () => {
    const bomb =
      '<!DOCTYPE rdf:RDF [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    const files = edited(profiles(MICROGRID), /BE_EQ/, (t) =>
      t.replace(/(<\?xml[^>]*\?>)/, `$1${bomb}`),
    );
    const t0 = performance.now();
    const r = await refused(zipSync(files), 'bomb.zip');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.status).toBe(400);
    expect(r.code).toBe('FINEST_CGMES_INVALID');
    expect(r.message).toMatch(
      /^bomb\.zip\/MicroGridTestConfiguration_BC_BE_EQ_V2\.xml:\d+: .*DOCTYPE/,
    );
  });

  it('answers a model without its TP profiles with 400: missing profile', async () => {
    const files = Object.fromEntries(
      Object.entries(profiles(MINIGRID)).filter(([n]) => !/_TP_/.test(n)),
    );
    const r = await refused(zipSync(files), 'no-tp.zip');
    expect(r.status).toBe(400);
    expect(r.code).toBe('FINEST_CGMES_INVALID');
    expect(r.message).toMatch(/^no-tp\.zip.*TP/);
    expect(r.issues[0]?.message).toMatch(/^missing-profile: /);
  });

  it('answers bad XML with the file and line', async () => {
    const files = edited(profiles(MINIGRID), /_SSH_/, (t) =>
      t.replace('</cim:ConformLoad>', '</cim:ConformLoadd>'),
    );
    const r = await refused(zipSync(files), 'bad-xml.zip');
    expect(r.status).toBe(400);
    expect(r.message).toMatch(
      /^bad-xml\.zip\/20210202T1930Z_1D_AA_SSH_7\.xml:\d+: not well-formed XML/,
    );
    expect(r.issues[0]?.message).toMatch(/^bad-xml: /);
  });

  it('answers a dangling reference with the file, element and property', async () => {
    const files = edited(profiles(MICROGRID), /BE_TP/, (t) =>
      t.replace(/(<cim:TopologicalNode\.BaseVoltage rdf:resource=")#[^"]+"/, '$1#_nowhere"'),
    );
    const r = await refused(zipSync(files), 'dangling.zip');
    expect(r.status).toBe(400);
    expect(r.message).toMatch(
      /^dangling\.zip\/MicroGridTestConfiguration_BC_BE_TP_V2\.xml: TopologicalNode [^:]+: TopologicalNode\.BaseVoltage refers to "_nowhere"/,
    );
    expect(r.issues[0]).toMatchObject({ path: expect.stringMatching(/TopologicalNode/) });
  });

  it('answers connected equipment of an unsupported class with 400 naming it', async () => {
    let files = edited(profiles(MICROGRID), /BE_EQ/, (t) =>
      t.replaceAll('cim:EnergyConsumer', 'cim:PetersenCoil'),
    );
    files = edited(files, /BE_SSH/, (t) => t.replaceAll('cim:EnergyConsumer', 'cim:PetersenCoil'));
    const r = await refused(zipSync(files), 'coil.zip');
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/^coil\.zip\/.*PetersenCoil .*is not supported/);
  });

  it('refuses with 413 an upload past FINEST_CGMES_UPLOAD_MB, and a zip that would inflate past the model limit, before inflating', async () => {
    const big = await refused(new Uint8Array(UPLOAD_LIMIT + 1), 'huge.zip');
    expect(big.status).toBe(413);
    expect(big.code).toBe('FINEST_BODY_TOO_LARGE');
    const bomb = zipSync({ 'bomb_EQ.xml': new Uint8Array(MODEL_LIMIT + 1) });
    expect(bomb.length).toBeLessThan(UPLOAD_LIMIT);
    const inflated = await refused(bomb, 'inflates.zip');
    expect(inflated.status).toBe(413);
    expect(inflated.code).toBe('FINEST_CGMES_TOO_LARGE');
    expect(inflated.message).toMatch(/^inflates\.zip\/bomb_EQ\.xml: inflates to \d+ bytes/);
  });
});

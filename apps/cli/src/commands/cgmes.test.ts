// The CLI on CGMES models (issue 20): `finest pf MODEL --json` on a folder and on a zip names
// buses by TopologicalNode mRID with base_kv and reproduces the SV state; `finest export` writes
// four profiles that `finest pf` reads back; a broken zip or profile exits 2 with one line
// naming the file.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { describeNeeding } from '../../../../testing/describe-needing.ts';
import { NEEDS, SHARED_DIR } from '../../../../testing/needs.ts';
import { main } from '../main.ts';

const SHARED = join(SHARED_DIR, 'cgmes', '/');
const MICROGRID = join(SHARED, 'microgrid-bc-cgmes2');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'finest-cgmes-'));
  dirs.push(d);
  return d;
};

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describeNeeding(NEEDS.cgmes, 'finest pf on the MicroGrid', () => {
  const check = (out: string): void => {
    const r = JSON.parse(out) as {
      converged: boolean;
      bus_id: string[];
      base_kv: number[];
      sv_comparison: { buses: number; max_dv_rel: number; max_dangle_deg: number };
    };
    expect(r.converged).toBe(true);
    expect(r.bus_id).toContain('5c74cb26-ce2f-40c6-951d-89091eb781b6');
    expect(r.base_kv[r.bus_id.indexOf('5c74cb26-ce2f-40c6-951d-89091eb781b6')]).toBe(110);
    expect(r.sv_comparison.buses).toBe(16);
    expect(r.sv_comparison.max_dv_rel).toBeLessThan(1e-3);
    expect(r.sv_comparison.max_dangle_deg).toBeLessThan(0.1);
  };
  it('reads the folder', async () => {
    const { code, out } = await run('pf', MICROGRID, '--json');
    expect(code).toBe(0);
    check(out);
  });
  it('reads a zip of it', async () => {
    const files = Object.fromEntries(
      readdirSync(MICROGRID).map((f) => [f, readFileSync(join(MICROGRID, f))]),
    );
    const zip = join(tempDir(), 'microgrid.zip');
    writeFileSync(zip, zipSync(files));
    const { code, out } = await run('pf', zip, '--json');
    expect(code).toBe(0);
    check(out);
  });
});

describe('finest export and bad CGMES input', () => {
  it('exports fi-ee.json as four profiles that pf reads back', async () => {
    const dir = tempDir();
    const net = fileURLToPath(new URL('../../../../data/networks/fi-ee.json', import.meta.url));
    const exp = await run('export', net, '--format', 'cgmes', '--out', dir);
    expect(exp.code, exp.err).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'fi-ee_EQ.xml',
      'fi-ee_SSH.xml',
      'fi-ee_SV.xml',
      'fi-ee_TP.xml',
    ]);
    const pf = await run('pf', dir, '--json');
    expect(pf.code).toBe(0);
    const r = JSON.parse(pf.out) as { bus_id: string[]; sv_comparison: { max_dv_rel: number } };
    expect(r.bus_id).toContain('FI:6545');
    expect(r.sv_comparison.max_dv_rel).toBeLessThan(1e-9);
  });

  it('refuses --format other than cgmes', async () => {
    expect(await run('export', 'x.json', '--format', 'psse', '--out', '/tmp')).toMatchObject({
      code: 2,
    });
  });

  it('exits 2 naming the file for a broken zip and a broken profile', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.zip'), Buffer.from('PK\u0003\u0004 not really a zip'));
    const z = await run('pf', join(dir, 'bad.zip'));
    expect(z.code).toBe(2);
    expect(z.err).toMatch(/^finest pf: bad\.zip: not a readable zip archive/);
    const model = tempDir();
    writeFileSync(
      join(model, 'm_EQ.xml'),
      '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><a>',
    );
    const x = await run('pf', model);
    expect(x.code).toBe(2);
    expect(x.err).toMatch(/^finest pf: m_EQ\.xml:1: /);
    expect(x.err.split('\n')).toHaveLength(2);
  });
});

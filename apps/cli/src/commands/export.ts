// `finest export NETWORK --format cgmes --out DIR`: writes the network as CGMES 3.0 profiles
// (EQ, TP, SSH, and SV with the solved state of an AC power flow; when the flow does not
// converge, SV holds the network's own voltages and a note says so on stderr).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { networkToCgmes } from '@finest/grid';
import { buildPfCase, runAcPowerFlow } from '@finest/powerflow';
import { parseCommandArgs } from '../args.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { loadCase } from '../load-case.ts';
import type { Io } from '../io.ts';

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, casePath } = parseCommandArgs(args, {
    format: { type: 'string' },
    out: { type: 'string' },
  });
  if (values.format !== 'cgmes')
    throw new CliError(
      `--format expects cgmes (the only export format), got ${values.format === undefined ? 'none' : `"${values.format}"`}`,
    );
  if (values.out === undefined) throw new CliError('--out DIR is required');
  const { network } = await loadCase(casePath);
  const pf = runAcPowerFlow(buildPfCase(network));
  const state = pf.converged
    ? pf
    : { Vm: network.buses.map((b) => b.Vm), Va: network.buses.map((b) => b.Va) };
  if (!pf.converged)
    io.err(
      `finest export: the AC power flow did not converge (${pf.reason ?? 'no reason'}); SV holds the network's own voltages\n`,
    );
  const profiles = networkToCgmes(network, state);
  try {
    mkdirSync(values.out, { recursive: true });
  } catch (err) {
    throw new CliError(
      `cannot create ${values.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const base = network.name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'network';
  const written: string[] = [];
  for (const [kind, text] of Object.entries(profiles)) {
    const file = join(values.out, `${base}_${kind}.xml`);
    try {
      writeFileSync(file, text);
    } catch (err) {
      throw new CliError(
        `cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    written.push(file);
  }
  io.out(`CGMES 3.0 export of ${network.name}: ${written.join(', ')}\n`);
  return EXIT.ok;
}

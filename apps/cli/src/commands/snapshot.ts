// `finest snapshot --hour H | --time ISO [--topology current|pre-2025] [--network FILE] [--out FILE]`: the FI–EE network at
// one hour of the 2015 profiles (demand, merit-order dispatch, Estlink schedule), written as a
// network JSON that `finest pf`, `n1` and `inspect` read.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DemandAllocationSchema,
  HourlyProfileSchema,
  snapshotForHour,
  TOPOLOGIES,
  type SnapshotInputs,
  type TopologyName,
} from '@finest/grid';
import { parseCommandArgs } from '../args.ts';
import { CliError } from '../cli-error.ts';
import { loadCase } from '../load-case.ts';
import type { Io } from '../io.ts';

const DATA = fileURLToPath(new URL('../../../../data/', import.meta.url));

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

export function loadSnapshotInputs(dataDir: string = DATA): SnapshotInputs {
  const at = (f: string): unknown => readJson(`${dataDir}profiles/${f}`);
  return {
    demand: HourlyProfileSchema.parse(at('demand-2015.json')),
    wind: HourlyProfileSchema.parse(at('wind-cf-2015.json')),
    allocation: DemandAllocationSchema.parse(at('demand-allocation.json')),
  };
}

export async function snapshotCommand(args: string[], io: Io): Promise<number> {
  const { values, casePath } = parseCommandArgs(args, {
    hour: { type: 'string' },
    time: { type: 'string' },
    network: { type: 'string' },
    out: { type: 'string' },
    topology: { type: 'string', default: 'current' },
  });
  const topology = values.topology as TopologyName;
  if (!TOPOLOGIES.includes(topology))
    throw new CliError(
      `--topology expects one of ${TOPOLOGIES.join(', ')}, got "${values.topology}"`,
    );
  if (casePath !== undefined) throw new CliError('give the network with --network FILE');
  if ((values.hour === undefined) === (values.time === undefined))
    throw new CliError('give exactly one of --hour H (0–8759) or --time ISO-DATE-TIME');
  const hour = values.hour === undefined ? undefined : Number(values.hour);
  if (hour !== undefined && !(Number.isInteger(hour) && hour >= 0 && hour < 8760))
    throw new CliError(`--hour expects an integer 0–8759, got "${values.hour}"`);
  const { network } = await loadCase(values.network ?? `${DATA}networks/fi-ee.json`);
  let result;
  try {
    result = snapshotForHour(network, loadSnapshotInputs(), hour ?? values.time!, { topology });
  } catch (err) {
    if (err instanceof RangeError) throw new CliError(err.message);
    throw err;
  }
  const json = JSON.stringify(result.network, null, 1) + '\n';
  const s = result.summary;
  const line = `${s.time} (hour ${s.hour}): demand FI ${s.demandMW.FI!.toFixed(0)} MW, EE ${s.demandMW.EE!.toFixed(0)} MW; Estlink ${s.estlinkMW >= 0 ? 'FI→EE' : 'EE→FI'} ${Math.abs(s.estlinkMW)} MW; unserved FI ${s.unservedMW.FI!.toFixed(0)} MW, EE ${s.unservedMW.EE!.toFixed(0)} MW\n`;
  if (values.out !== undefined) {
    try {
      writeFileSync(values.out, json);
    } catch (err) {
      throw new CliError(
        `cannot write ${values.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    io.out(line);
  } else {
    io.err(line);
    io.out(json);
  }
  return 0;
}

// `finest run SCENARIO.json [--json] [--frames FILE] [--seed N] [--network FILE]`: runs an
// incident scenario and prints its KPIs (Finland and Estonia side by side, the cities) and the
// sequence of events; --json prints the run summary (what `finest compare` reads back);
// --frames writes every frame as NDJSON (first line: the layout).
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseScenario, prepareEngine, type Frame, type RunSummary } from '@finest/scenario';
import { parseCommandArgs, parseNonNegativeInt } from '../args.ts';
import { CliError, EXIT } from '../cli-error.ts';
import type { Io } from '../io.ts';
import { readJsonFile, runScenarioFile } from './run-inputs.ts';

export async function runCommand(args: string[], io: Io): Promise<number> {
  const { values, casePath } = parseCommandArgs(args, {
    json: { type: 'boolean', default: false },
    frames: { type: 'string' },
    seed: { type: 'string' },
    network: { type: 'string' },
  });
  if (casePath === undefined) throw new CliError('give a SCENARIO.json file');
  const scenario = parseScenario(readJsonFile(casePath), casePath);
  const seed = parseNonNegativeInt('--seed', values.seed);
  let fd: number | undefined;
  if (values.frames !== undefined) {
    try {
      fd = openSync(values.frames, 'w');
    } catch (err) {
      throw new CliError(
        `cannot write ${values.frames}: ${(err as NodeJS.ErrnoException).code ?? ''}`,
      );
    }
  }
  const writeFrame = (frame: Frame): void => {
    if (fd === undefined) return;
    const plain = Object.fromEntries(
      Object.entries(frame).map(([k, v]) => [
        k,
        ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v,
      ]),
    );
    writeSync(fd, `${JSON.stringify(plain)}\n`);
  };
  let summary: RunSummary;
  await prepareEngine();
  try {
    summary = (
      await runScenarioFile(scenario, {
        ...(seed === undefined ? {} : { seed }),
        ...(values.network === undefined ? {} : { networkPath: values.network }),
        onStart: (layout) => {
          if (fd !== undefined)
            writeSync(fd, `${JSON.stringify({ scenario: scenario.id, layout })}\n`);
        },
        onStep: writeFrame,
      })
    ).summary;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  io.out(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatRun(summary));
  return EXIT.ok;
}

const num = (v: number, digits = 0): string =>
  v.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatRun(s: RunSummary): string {
  // Finland and Estonia first, side by side, then any other country
  const rank = (c: string): string => (c === 'FI' ? '0' : c === 'EE' ? '1' : `2${c}`);
  const countries = Object.keys(s.kpis.countries).sort((x, y) => rank(x).localeCompare(rank(y)));
  const rows: [string, (c: string) => string][] = [
    ['synchronous area', (c) => s.kpis.countries[c]!.area],
    ['energy not served (MWh)', (c) => num(s.kpis.countries[c]!.energyNotServedMWh, 1)],
    ['peak load shed (MW)', (c) => num(s.kpis.countries[c]!.peakShedMW)],
    ['peak demand (MW)', (c) => num(s.kpis.countries[c]!.peakDemandMW)],
    ['people affected (est.)', (c) => num(s.kpis.countries[c]!.peopleAffected)],
    ['branches tripped', (c) => String(s.kpis.countries[c]!.branchesTripped)],
    ['time to restore', (c) => restoreText(s.kpis.countries[c]!)],
    ['frequency nadir (Hz)', (c) => s.kpis.countries[c]!.frequencyNadirHz.toFixed(3)],
    ['frequency peak (Hz)', (c) => s.kpis.countries[c]!.frequencyZenithHz.toFixed(3)],
    ['max RoCoF (Hz/s)', (c) => s.kpis.countries[c]!.maxRocofHzPerS.toFixed(3)],
    [
      'ICS scale (estimate)',
      (c) => `${s.kpis.countries[c]!.icsScale}: ${s.kpis.countries[c]!.icsReason}`,
    ],
  ];
  const w0 = Math.max(...rows.map(([label]) => label.length));
  const widths = countries.map((c) => Math.max(c.length, ...rows.map(([, f]) => f(c).length)));
  const line = (label: string, cells: string[]): string =>
    `${label.padEnd(w0)}  ${cells.map((x, k) => x.padEnd(widths[k]!)).join('  ')}`.trimEnd();
  const out = [
    `${s.title} (${s.scenarioId}, seed ${s.seed}, ${s.frameCount} frames, start ${s.startTime})`,
    '',
    line('', countries),
    ...rows.map(([label, f]) => line(label, countries.map(f))),
    '',
  ];
  for (const [name, c] of Object.entries(s.kpis.cities))
    out.push(
      `${name}: ${num(c.peakShedMW)} MW shed at the feeding substations, ${num(c.peakPeopleAffected)} of ${num(c.population)} people affected${c.districtsAffected.length ? ` (${c.districtsAffected.join(', ')})` : ''}`,
    );
  if (s.kpis.nonConvergedSteps > 0)
    out.push(`AC power flow did not converge in ${s.kpis.nonConvergedSteps} steps (DC flows used)`);
  out.push('', 'sequence of events:');
  for (const e of s.log) out.push(`  ${e.clock}  ${e.text}`);
  return `${out.join('\n')}\n`;
}

function restoreText(k: RunSummary['kpis']['countries'][string]): string {
  if (k.timeToRestoreS === null) return 'nothing shed';
  const min = num(k.timeToRestoreS / 60, 1);
  return k.restored ? `${min} min` : `not restored (${min} min so far)`;
}

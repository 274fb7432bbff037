// The `finest` command line: dispatches to one module per subcommand. Every failure ends with
// a one-line message on stderr and a documented exit code (0 ok / converged, 1 not converged,
// 2 bad input); stack traces are never shown to the user.
import { CliError, EXIT } from './cli-error.ts';
import { processIo, type Io } from './io.ts';

const USAGE = `usage: finest <command> [options]

commands:
  pf CASE.m [--json] [--repeat N] [--enforce-q-limits]   AC power flow (Newton-Raphson)
     [--time-limit MS]                                    stop (not converged, exit 1) after MS ms
  dcpf CASE.m [--json] [--repeat N]                       DC power flow
  n1 CASE.m [--json] [--csv FILE]                         DC N-1 screening of branch outages
  n1 CASE.m --ac [--json] [--workers N] [--screen K]      AC N-1 (Newton per outage, worker threads)
  n1 CASE.m --set SET.json [--ac] [--json]                N-k: contingencies of several elements
  opf CASE.m --dc [--json]                                DC optimal power flow (HiGHS): least-cost
                                                          dispatch, flows and prices (lam_P)
  inspect NETWORK [--json]                                summary: counts, islands, interconnectors,
                                                          capacity and demand
  snapshot --hour H | --time ISO [--network F] [--out F]  the FI–EE network at one hour of 2015
           [--topology current|pre-2025]                  (pre-2025: Baltics with IPS/UPS)
  year [--topology current|pre-2025] [--hours SPEC]      snapshot + AC power flow of every hour of
       [--json]                                          2015: overloads, most loaded branches,
                                                          city peaks and energy (SPEC: all, 0-8759:24)
  run SCENARIO.json [--json] [--frames F.ndjson]         run an incident scenario: KPIs per country
           [--seed N] [--network F]                       and city, and the sequence of events
  compare A.json B.json [--json] [--seed N]               per-country differences of two runs
                                                          (scenario files or runs saved with --json)
  compare SCENARIO.json --without-operator               the scenario against the same with nobody
                                                          in the control room
  sweep SCENARIO.json... --hours SPEC [--seeds LIST]      a scenario at many hours, seeds, variants:
        [--topology current,pre-2025] [--operator on,off] aggregate per scenario and variant (ENS,
        [--set PATH=V1,V2]... [--workers N] [--json]      shedding hours, nadir, worst hours); resumes
        [--queue redis://HOST:PORT] [--db FILE] [--csv F] (SCENARIO: file, library id or "library")
  worker --queue redis://HOST:PORT [--concurrency N]      compute sweep jobs from Redis (docs/scale-out.md)
  export NETWORK --format cgmes --out DIR                 CGMES 3.0 profiles EQ, TP, SSH, SV (docs/cgmes.md)

CASE and NETWORK may also be a CGMES model: a folder, a .zip or .xml profiles (docs/cgmes.md)

exit codes: 0 converged (opf: solved), 1 not converged (opf: infeasible, unbounded, not solved), 2 bad input
`;

type Command = (args: string[], io: Io) => Promise<number> | number;

// Each command's module is imported when it is called, not at start: `finest --help` and a
// `finest pf` then load only what they use (the sweep and worker commands alone pull in BullMQ,
// SQLite and the scenario engine).
const COMMANDS: Record<string, () => Promise<Command>> = {
  pf: async () => {
    const { pfCommand } = await import('./commands/pf.ts');
    return (args, io) => pfCommand('ac', args, io);
  },
  dcpf: async () => {
    const { pfCommand } = await import('./commands/pf.ts');
    return (args, io) => pfCommand('dc', args, io);
  },
  n1: async () => (await import('./commands/n1.ts')).n1Command,
  opf: async () => (await import('./commands/opf.ts')).opfCommand,
  inspect: async () => (await import('./commands/inspect.ts')).inspectCommand,
  snapshot: async () => (await import('./commands/snapshot.ts')).snapshotCommand,
  run: async () => (await import('./commands/run.ts')).runCommand,
  year: async () => (await import('./commands/year.ts')).yearCommand,
  compare: async () => (await import('./commands/compare.ts')).compareCommand,
  sweep: async () => (await import('./commands/sweep.ts')).sweepCommand,
  worker: async () => (await import('./commands/worker.ts')).workerCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    io.err(`finest: unknown command "${name}" (try finest --help)\n`);
    return EXIT.badInput;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`finest ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    // Typed errors of our packages carry a code and a message naming the module and the item.
    if (
      err instanceof Error &&
      'code' in err &&
      typeof err.code === 'string' &&
      err.code.startsWith('FINEST_')
    ) {
      io.err(`finest ${name}: ${err.message}\n`);
      return EXIT.badInput;
    }
    io.err(`finest ${name}: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 3;
  }
}

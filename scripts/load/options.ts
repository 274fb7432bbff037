// Options of `npm run load`: flags, then environment variables, then defaults. The target is
// always loopback: a load test pointed at a shared or production host by mistake would be an
// attack, so any --url whose host is not 127.0.0.1, ::1 or localhost is refused.
import { parseArgs } from 'node:util';

export const LOAD_DEFAULTS = {
  viewers: 200,
  /** s of load, warm-up included */
  duration: 60,
  restClients: 20,
  /** ms: mean pause of a REST client between two requests (0: back to back) */
  thinkMs: 100,
  /** % of the viewers dropped (and reconnected) at every churn tick */
  churnPct: 5,
  /** s between churn ticks */
  churnEveryS: 3,
};

export interface LoadOptions {
  viewers: number;
  durationS: number;
  restClients: number;
  thinkMs: number;
  churnPct: number;
  churnEveryS: number;
  /** an already running server on loopback; undefined: start one */
  url: string | undefined;
  /** that server's process id, for its memory (only with url) */
  pid: number | undefined;
  /** where the JSON report goes */
  out: string;
}

export class LoadOptionError extends Error {
  readonly code = 'FINEST_LOAD_OPTION';
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', '::1', 'localhost']);

/** The server's origin (http://host:port); throws unless it is http(s) on loopback. */
export function loopbackOrigin(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new LoadOptionError(`load: --url "${url}" is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new LoadOptionError(`load: --url must be http(s), got ${u.protocol}`);
  if (!LOOPBACK_HOSTS.has(u.hostname.toLowerCase()))
    throw new LoadOptionError(
      `load: refusing to load ${u.hostname}: only 127.0.0.1, ::1 or localhost may be targeted`,
    );
  return u.origin;
}

function number(
  name: string,
  flag: string | undefined,
  env: string | undefined,
  fallback: number,
  min: number,
): number {
  const text = flag ?? (env === '' ? undefined : env);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min)
    throw new LoadOptionError(`load: --${name} must be a number ≥ ${min}, got "${text}"`);
  return n;
}

export function parseLoadOptions(argv: string[], env: NodeJS.ProcessEnv): LoadOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      viewers: { type: 'string' },
      duration: { type: 'string' },
      'rest-clients': { type: 'string' },
      'think-ms': { type: 'string' },
      churn: { type: 'string' },
      'churn-every': { type: 'string' },
      url: { type: 'string' },
      pid: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const d = LOAD_DEFAULTS;
  const url = values.url ?? (env.FINEST_LOAD_URL || undefined);
  const pidText = values.pid ?? (env.FINEST_LOAD_PID || undefined);
  if (pidText !== undefined && url === undefined)
    throw new LoadOptionError('load: --pid only goes with --url (a server started here is known)');
  const durationS = number('duration', values.duration, env.FINEST_LOAD_DURATION, d.duration, 1);
  return {
    viewers: Math.round(number('viewers', values.viewers, env.FINEST_LOAD_VIEWERS, d.viewers, 0)),
    durationS,
    restClients: Math.round(
      number(
        'rest-clients',
        values['rest-clients'],
        env.FINEST_LOAD_REST_CLIENTS,
        d.restClients,
        0,
      ),
    ),
    thinkMs: number('think-ms', values['think-ms'], env.FINEST_LOAD_THINK_MS, d.thinkMs, 0),
    churnPct: number('churn', values.churn, env.FINEST_LOAD_CHURN, d.churnPct, 0),
    churnEveryS: number(
      'churn-every',
      values['churn-every'],
      env.FINEST_LOAD_CHURN_EVERY,
      d.churnEveryS,
      0.1,
    ),
    url: url === undefined ? undefined : loopbackOrigin(url),
    pid: pidText === undefined ? undefined : Math.round(number('pid', pidText, undefined, 0, 1)),
    out: values.out ?? '.bench/load.json',
  };
}

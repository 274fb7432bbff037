// The server's sweep API as the sweep view uses it; every response is checked against the
// shared contract (@finest/protocol sweep.ts), and an error body becomes an Error with the
// server's message (and the field it names).
import {
  ApiErrorSchema,
  RunCreatedSchema,
  SweepCreatedSchema,
  SweepListSchema,
  SweepResultSchema,
  SweepRunsSchema,
  type RunInfo,
  type SweepInfo,
  type SweepResult,
  type SweepRunRow,
  type SweepSpec,
} from '@finest/protocol';

interface Parser<T> {
  parse(v: unknown): T;
}

async function call<T>(path: string, schema: Parser<T>, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ApiErrorSchema.safeParse(body);
    throw new Error(err.success ? err.data.message : `${path}: HTTP ${res.status}`);
  }
  return schema.parse(body);
}

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  ...(body === undefined
    ? {}
    : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
});

const id = (s: string): string => encodeURIComponent(s);

export const sweepApi = {
  async list(): Promise<SweepInfo[]> {
    return (await call('/api/sweeps', SweepListSchema)).sweeps;
  },
  async create(spec: SweepSpec): Promise<SweepInfo> {
    return (await call('/api/sweeps', SweepCreatedSchema, post(spec))).sweep;
  },
  aggregate(sweepId: string): Promise<SweepResult> {
    return call(`/api/sweeps/${id(sweepId)}/aggregate`, SweepResultSchema);
  },
  async runs(sweepId: string): Promise<{ profileStart: string; runs: SweepRunRow[] }> {
    const r = await call(`/api/sweeps/${id(sweepId)}/runs`, SweepRunsSchema);
    return { profileStart: r.profileStart, runs: r.runs };
  },
  async open(sweepId: string, key: string): Promise<RunInfo> {
    return (await call(`/api/sweeps/${id(sweepId)}/runs/${id(key)}/open`, RunCreatedSchema, post()))
      .run;
  },
  csvUrl: (sweepId: string): string => `/api/sweeps/${id(sweepId)}/export.csv`,
  jsonUrl: (sweepId: string): string => `/api/sweeps/${id(sweepId)}/export.json`,
};

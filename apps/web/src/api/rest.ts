// The server's REST API as the web app uses it. Responses are checked against the shared
// contract (@finest/protocol rest.ts) so a server that drifts fails loudly here, with the path.
import {
  ApiErrorSchema,
  decodeFrame,
  RunCreatedSchema,
  RunDetailsSchema,
  RunListSchema,
  RunLogSchema,
  ScenarioEnvelopeSchema,
  ScenarioListSchema,
  splitFrames,
  type ApiIssue,
  type RunDetails,
  type RunInfo,
  type RunListItem,
  type ScenarioEnvelope,
  type ScenarioSummary,
} from '@finest/protocol';
import type { Frame, LogEntry, ScenarioInput } from '@finest/scenario/schema';
import type { FeatureCollection } from '../geo/layers.ts';
import { readNetwork, type NetworkView } from '../scene/network-model.ts';

export class ApiRequestError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues: ApiIssue[];
  constructor(status: number, code: string, message: string, issues: ApiIssue[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

interface Parser<T> {
  parse(v: unknown): T;
}

async function request(path: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiRequestError(0, 'FINEST_WEB_OFFLINE', `web/api: ${path}: ${String(e)}`);
  }
  if (res.ok) return res;
  const body: unknown = await res.json().catch(() => null);
  const err = ApiErrorSchema.safeParse(body);
  if (err.success)
    throw new ApiRequestError(res.status, err.data.code, err.data.message, err.data.issues ?? []);
  throw new ApiRequestError(res.status, 'FINEST_WEB_HTTP', `web/api: ${path}: HTTP ${res.status}`);
}

async function json<T>(path: string, schema: Parser<T> | null, init?: RequestInit): Promise<T> {
  const res = await request(path, init);
  const body: unknown = await res.json();
  return schema ? schema.parse(body) : (body as T);
}

const send = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const api = {
  async network(id: string): Promise<NetworkView> {
    return readNetwork(await json<unknown>(`/api/networks/${encodeURIComponent(id)}`, null), id);
  },
  geo(layer: string): Promise<FeatureCollection> {
    return json<FeatureCollection>(`/api/geo/${encodeURIComponent(layer)}`, null);
  },
  /** a geo layer unchecked, for a reader with its own schema (geo/city-layers.ts) */
  geoJson(layer: string): Promise<unknown> {
    return json<unknown>(`/api/geo/${encodeURIComponent(layer)}`, null);
  },
  async scenarios(): Promise<ScenarioSummary[]> {
    return (await json('/api/scenarios', ScenarioListSchema)).scenarios;
  },
  scenario(id: string): Promise<ScenarioEnvelope> {
    return json(`/api/scenarios/${encodeURIComponent(id)}`, ScenarioEnvelopeSchema);
  },
  createScenario(s: ScenarioInput): Promise<ScenarioEnvelope> {
    return json('/api/scenarios', ScenarioEnvelopeSchema, send('POST', s));
  },
  updateScenario(id: string, s: ScenarioInput): Promise<ScenarioEnvelope> {
    return json(`/api/scenarios/${encodeURIComponent(id)}`, ScenarioEnvelopeSchema, send('PUT', s));
  },
  async deleteScenario(id: string): Promise<void> {
    await request(`/api/scenarios/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
  duplicateScenario(id: string, copyId?: string): Promise<ScenarioEnvelope> {
    return json(
      `/api/scenarios/${encodeURIComponent(id)}/duplicate`,
      ScenarioEnvelopeSchema,
      send('POST', copyId ? { id: copyId } : {}),
    );
  },
  async startRun(
    body: { scenarioId: string } | { scenario: ScenarioInput },
    seed?: number,
  ): Promise<RunInfo> {
    const b = seed === undefined ? body : { ...body, seed };
    return (await json('/api/runs', RunCreatedSchema, send('POST', b))).run;
  },
  run(id: string): Promise<RunDetails> {
    return json(`/api/runs/${encodeURIComponent(id)}`, RunDetailsSchema);
  },
  async runs(): Promise<RunListItem[]> {
    return (await json('/api/runs', RunListSchema)).runs;
  },
  async log(id: string): Promise<LogEntry[]> {
    return (await json(`/api/runs/${encodeURIComponent(id)}/log`, RunLogSchema)).entries;
  },
  /** All frames of a run (binary pack), decoded. */
  async frames(id: string, from?: number, to?: number): Promise<Frame[]> {
    const q = new URLSearchParams();
    if (from !== undefined) q.set('from', String(from));
    if (to !== undefined) q.set('to', String(to));
    const res = await request(`/api/runs/${encodeURIComponent(id)}/frames?${q}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return splitFrames(bytes).map((f) => decodeFrame(f).frame);
  },
  exportUrl(id: string, format: 'json' | 'csv'): string {
    return `/api/runs/${encodeURIComponent(id)}/export.${format}`;
  },
};

// Networks: the bundled ones (read-only) and those uploaded as MATPOWER cases or CGMES zips (in
// the store). An upload is parsed, converted and validated as JSON before it is stored, so what
// is stored always reads back and a failed upload stores nothing; ±Inf limits become large
// finite numbers (JSON holds no Infinity).
import {
  checkNetwork,
  DEFAULT_SOURCE_LIMITS,
  matpowerToNetwork,
  parseCgmes,
  parseMatpower,
  parseNetworkJson,
  type Network,
} from '@finest/grid';
import type { ApiIssue, NetworkSummary } from '@finest/protocol';
import { ApiError, notFound } from '../errors.ts';
import type { NetworksRepo } from '../store/networks-repo.ts';
import type { RunsRepo } from '../store/runs-repo.ts';

/** MW/MVAr standing for an unlimited MATPOWER limit */
const INFINITY_AS = 1e5;
const CACHE = 4;

export function summarise(
  id: string,
  net: Network,
  builtIn: boolean,
  createdAt?: string,
): NetworkSummary {
  return {
    id,
    name: net.name,
    ...(net.description === undefined ? {} : { description: net.description }),
    builtIn,
    buses: net.buses.length,
    branches: net.branches.length,
    generators: net.generators.length,
    hvdcLinks: net.hvdcLinks.length,
    countries: [...new Set(net.buses.flatMap((b) => (b.country ? [b.country] : [])))].sort(),
    hasGeometry:
      net.buses.length > 0 && net.buses.every((b) => b.lon !== undefined && b.lat !== undefined),
    ...(createdAt === undefined ? {} : { createdAt }),
  };
}

export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/\.m$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s === '' ? 'network' : s;
}

export class NetworkCatalog {
  /** recently used uploaded networks, parsed */
  private readonly cache = new Map<string, Network>();

  constructor(
    private readonly bundled: ReadonlyMap<string, Network>,
    private readonly repo: NetworksRepo,
    private readonly runs: RunsRepo,
    private readonly maxNetworks: number,
    /** bytes of a CGMES model once inflated (all profiles, and any one of them) */
    private readonly cgmesModelBytes: number = DEFAULT_SOURCE_LIMITS.maxTotalBytes,
  ) {}

  list(): NetworkSummary[] {
    const builtIn = [...this.bundled].map(([id, n]) => summarise(id, n, true));
    const uploaded = this.repo.list().map((r) => JSON.parse(r.summary) as NetworkSummary);
    return [...builtIn, ...uploaded];
  }

  has(id: string): boolean {
    return this.bundled.has(id) || this.repo.has(id);
  }

  isBuiltIn(id: string): boolean {
    return this.bundled.has(id);
  }

  get(id: string): Network {
    const b = this.bundled.get(id);
    if (b) return b;
    const cached = this.cache.get(id);
    if (cached) {
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const row = this.repo.get(id);
    if (!row) throw notFound('network', id);
    const net = parseNetworkJson(JSON.parse(row.json), `network ${id}`);
    this.cache.set(id, net);
    if (this.cache.size > CACHE) this.cache.delete(this.cache.keys().next().value!);
    return net;
  }

  /** Parses, checks and stores a MATPOWER case; warnings are the network checker's findings. */
  upload(name: string, text: string): { network: NetworkSummary; warnings: ApiIssue[] } {
    this.checkRoom();
    const fileName = `${slug(name)}.m`;
    const converted = matpowerToNetwork(parseMatpower(text, fileName), { infinityAs: INFINITY_AS });
    return this.store(name, fileName, converted, []);
  }

  /**
   * Imports and stores a CGMES model sent as a zip (profiles, or a zip of zips). Failures are the
   * importer's CgmesError naming the file (an entry as "NAME.zip/EQ.xml"), element and fault;
   * warnings add what the import approximated to the network checker's findings.
   */
  uploadCgmes(name: string, bytes: Uint8Array): { network: NetworkSummary; warnings: ApiIssue[] } {
    this.checkRoom();
    const display = name.replace(/\.zip$/i, '');
    const fileName = `${slug(display)}.zip`;
    const imported = parseCgmes([{ name: fileName, bytes }], {
      name: display,
      limits: {
        ...DEFAULT_SOURCE_LIMITS,
        maxFileBytes: Math.min(DEFAULT_SOURCE_LIMITS.maxFileBytes, this.cgmesModelBytes),
        maxTotalBytes: this.cgmesModelBytes,
      },
    });
    const importWarnings = imported.warnings.map((message) => ({ path: fileName, message }));
    return this.store(display, fileName, imported.network, importWarnings);
  }

  private checkRoom(): void {
    if (this.repo.list().length >= this.maxNetworks)
      throw new ApiError(
        'FINEST_CONFLICT',
        `at most ${this.maxNetworks} uploaded networks are kept; delete one first`,
      );
  }

  private store(
    name: string,
    fileName: string,
    converted: Network,
    extraWarnings: ApiIssue[],
  ): { network: NetworkSummary; warnings: ApiIssue[] } {
    const json = JSON.stringify({ ...converted, name: name.slice(0, 100) });
    const net = parseNetworkJson(JSON.parse(json), fileName);
    const warnings = [...extraWarnings, ...checkNetwork(net)];
    const id = this.freeId(slug(name));
    const createdAt = new Date().toISOString();
    const summary = summarise(id, net, false, createdAt);
    this.repo.insert({
      id,
      name: net.name,
      file_name: fileName,
      json,
      summary: JSON.stringify(summary),
      created_at: createdAt,
    });
    return { network: summary, warnings };
  }

  remove(id: string): void {
    if (this.bundled.has(id))
      throw new ApiError('FINEST_READ_ONLY', `network '${id}' is bundled and cannot be deleted`);
    if (!this.repo.has(id)) throw notFound('network', id);
    const n = this.runs.countForNetwork(id);
    if (n > 0)
      throw new ApiError(
        'FINEST_IN_USE',
        `network '${id}' is the input of ${n} stored run${n === 1 ? '' : 's'}; delete them first`,
      );
    this.repo.remove(id);
    this.cache.delete(id);
  }

  private freeId(base: string): string {
    if (!this.has(base)) return base;
    for (let k = 2; ; k++) if (!this.has(`${base}-${k}`)) return `${base}-${k}`;
  }
}

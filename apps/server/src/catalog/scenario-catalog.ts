// Scenarios: the bundled incident library (read-only) and user scenarios (in the store). Ids
// are shared: a user scenario can never shadow a built-in one.
import { parseScenario, type Scenario } from '@finest/scenario';
import type { ScenarioEnvelope, ScenarioSummary } from '@finest/protocol';
import { ApiError, notFound } from '../errors.ts';
import type { ScenariosRepo } from '../store/scenarios-repo.ts';

function summary(s: Scenario, builtIn: boolean, updatedAt?: string): ScenarioSummary {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    tags: s.tags,
    network: s.network,
    durationS: s.durationS,
    events: s.events.length,
    builtIn,
    ...(updatedAt === undefined ? {} : { updatedAt }),
  };
}

export class ScenarioCatalog {
  private readonly builtIn: ReadonlyMap<string, Scenario>;

  constructor(
    library: readonly Scenario[],
    private readonly repo: ScenariosRepo,
  ) {
    this.builtIn = new Map(library.map((s) => [s.id, s]));
  }

  list(): ScenarioSummary[] {
    const user = this.repo
      .list()
      .map((r) => summary(this.parse(r.id, r.json), false, r.updated_at));
    return [...[...this.builtIn.values()].map((s) => summary(s, true)), ...user];
  }

  get(id: string): ScenarioEnvelope {
    const b = this.builtIn.get(id);
    if (b) return { scenario: b, builtIn: true };
    const row = this.repo.get(id);
    if (!row) throw notFound('scenario', id);
    return { scenario: this.parse(id, row.json), builtIn: false, updatedAt: row.updated_at };
  }

  create(scenario: Scenario): ScenarioEnvelope {
    if (this.builtIn.has(scenario.id)) throw this.taken(scenario.id);
    const now = new Date().toISOString();
    if (!this.repo.insert(scenario.id, JSON.stringify(scenario), now))
      throw this.taken(scenario.id);
    return { scenario, builtIn: false, updatedAt: now };
  }

  update(id: string, scenario: Scenario): ScenarioEnvelope {
    this.writable(id);
    if (scenario.id !== id)
      throw new ApiError(
        'FINEST_BAD_REQUEST',
        `the body's id '${scenario.id}' differs from '${id}'`,
        [{ path: 'body.id', message: `must be '${id}'` }],
      );
    const now = new Date().toISOString();
    if (!this.repo.update(id, JSON.stringify(scenario), now)) throw notFound('scenario', id);
    return { scenario, builtIn: false, updatedAt: now };
  }

  remove(id: string): void {
    this.writable(id);
    if (!this.repo.remove(id)) throw notFound('scenario', id);
  }

  /** A user copy of any scenario, to edit (the way to change a built-in one). */
  duplicate(
    id: string,
    opts: { id?: string | undefined; title?: string | undefined },
  ): ScenarioEnvelope {
    const { scenario } = this.get(id);
    const copyId = opts.id ?? this.freeId(`${scenario.id.slice(0, 70)}-copy`);
    const copy: Scenario = {
      ...scenario,
      id: copyId,
      title: opts.title ?? `${scenario.title} (copy)`.slice(0, 200),
    };
    return this.create(copy);
  }

  private writable(id: string): void {
    if (this.builtIn.has(id))
      throw new ApiError(
        'FINEST_READ_ONLY',
        `scenario '${id}' is in the built-in library; duplicate it to edit`,
      );
  }

  private taken(id: string): ApiError {
    return new ApiError('FINEST_CONFLICT', `a scenario with id '${id}' exists`, [
      { path: 'body.id', message: 'taken' },
    ]);
  }

  private freeId(base: string): string {
    const taken = (id: string): boolean => this.builtIn.has(id) || this.repo.get(id) !== undefined;
    if (!taken(base)) return base;
    for (let k = 2; ; k++) if (!taken(`${base}-${k}`)) return `${base}-${k}`;
  }

  private parse(id: string, json: string): Scenario {
    return parseScenario(JSON.parse(json), `stored scenario ${id}`);
  }
}

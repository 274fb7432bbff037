// What an aggregate needs to know about a sweep: its head, the cells (scenario × variant) and,
// per job in plan order, its key, cell, hour and seed. A plan has it (layoutOfPlan); a stored
// sweep has it too (layoutFromStore: head, definition and job keys), so a server shows any
// stored sweep's results — one run from a terminal, one planned with older data — without
// planning it again.
import type { SweepHead } from '@finest/protocol';
import type { JsonValue } from './axes.ts';
import type { SweepDefinition, SweepPlan } from './plan.ts';

export interface AggregateLayout {
  head: SweepHead;
  /** ISO date-time of profile hour 0 */
  profileStart: string;
  cells: {
    scenarioId: string;
    title: string;
    variant: { label: string; values: Record<string, JsonValue> };
  }[];
  jobs: { key: string; cell: number; hour: number; seed: number }[];
}

export function layoutOfPlan(plan: SweepPlan): AggregateLayout {
  return {
    head: plan.head,
    profileStart: plan.profileStart,
    cells: plan.cells.map((c) => ({
      scenarioId: c.scenario.id,
      title: c.scenario.title,
      variant: { label: c.variant.label, values: c.variant.values },
    })),
    jobs: plan.jobs.map(({ key, cell, hour, seed }) => ({ key, cell, hour, seed })),
  };
}

/** The layout of a stored sweep; keys in plan order (the order planSweep made them). */
export function layoutFromStore(
  head: SweepHead,
  definition: Pick<SweepDefinition, 'scenarios'>,
  profileStart: string,
  keys: readonly string[],
): AggregateLayout {
  const cells = head.scenarios.flatMap((s) =>
    head.variants.map((v) => ({
      scenarioId: s.id,
      title: s.title,
      variant: { label: v.label, values: v.values as Record<string, JsonValue> },
    })),
  );
  const seedsPer = head.seeds?.length ?? 1;
  const perCell = head.hours.length * seedsPer;
  if (keys.length !== cells.length * perCell)
    throw new RangeError(
      `sweep ${head.id}: ${keys.length} job keys stored, the head describes ${cells.length * perCell}`,
    );
  const jobs = keys.map((key, seq) => {
    const cell = Math.floor(seq / perCell);
    const r = seq % perCell;
    const scenario = definition.scenarios[Math.floor(cell / head.variants.length)]!;
    return {
      key,
      cell,
      hour: head.hours[Math.floor(r / seedsPer)]!,
      seed: head.seeds ? head.seeds[r % seedsPer]! : scenario.options.seed,
    };
  });
  return { head, profileStart, cells, jobs };
}

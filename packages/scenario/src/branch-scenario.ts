// A what-if: the parent scenario with extra events from a branch time on. The engine is
// deterministic, so a run of the branch equals its parent's run up to atS.
import { ScenarioSchema, type Scenario, type ScenarioEvent } from './schema/scenario.ts';
import { ScenarioValidationError } from './errors.ts';

export function branchScenario(
  parent: Scenario,
  atS: number,
  events: readonly ScenarioEvent[],
  id = `${parent.id.slice(0, 60)}-whatif-${Math.round(atS)}`,
): Scenario {
  const early = events
    .map((e, k) => ({ e, k }))
    .filter(({ e }) => e.at < atS)
    .map(({ e, k }) => ({
      path: `events[${k}].at`,
      message: `event at ${e.at} s is before the branch time ${atS} s`,
    }));
  if (early.length > 0) throw new ScenarioValidationError(id, early);
  return ScenarioSchema.parse({
    ...parent,
    id,
    title: `${parent.title} — what-if from ${Math.round(atS)} s`,
    events: [...parent.events, ...events],
  });
}

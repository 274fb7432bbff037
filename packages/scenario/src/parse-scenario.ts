// Reads a scenario from parsed JSON with the schema; every bad field is reported with its path.
import { formatPath } from '@finest/grid';
import { ScenarioValidationError } from './errors.ts';
import { ScenarioSchema, type Scenario } from './schema/scenario.ts';

export function parseScenario(json: unknown, source = 'scenario'): Scenario {
  const result = ScenarioSchema.safeParse(json);
  if (result.success) return result.data;
  throw new ScenarioValidationError(
    source,
    result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
  );
}

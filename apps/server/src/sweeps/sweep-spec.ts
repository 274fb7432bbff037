// POST /api/sweeps body → a sweep definition: scenario ids resolved in the catalogue (built-in
// or user), hours and seeds in the CLI's syntax or as lists, variant axes. Every problem is a
// 400 FINEST_SWEEP_INVALID whose issue names the field (body.scenarioIds.1, body.hours, …).
import { IntSpecError, parseHoursSpec, parseSeedsSpec, type SweepSpec } from '@finest/protocol';
import { axesOf, SweepSpecError, type SweepDefinition } from '@finest/sweep';
import type { ScenarioCatalog } from '../catalog/scenario-catalog.ts';
import { ApiError } from '../errors.ts';

export const invalid = (path: string, message: string): ApiError =>
  new ApiError('FINEST_SWEEP_INVALID', `${path ? `${path}: ` : ''}${message}`, [
    { path: path ? `body.${path}` : 'body', message },
  ]);

/** Turns the planner's errors into the API's. */
export function asApiError(err: unknown): unknown {
  if (err instanceof SweepSpecError) return invalid(err.path, err.message);
  return err;
}

export function sweepDefinition(
  spec: SweepSpec,
  scenarios: ScenarioCatalog,
  hoursInYear: number,
): SweepDefinition {
  const resolved = spec.scenarioIds.map((id, k) => {
    try {
      return scenarios.get(id).scenario;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'FINEST_NOT_FOUND')
        throw invalid(
          `scenarioIds.${k}`,
          `scenario '${id}' not found (GET /api/scenarios lists them)`,
        );
      throw err;
    }
  });
  const ints = (path: string, parse: () => number[]): number[] => {
    try {
      return parse();
    } catch (err) {
      if (err instanceof IntSpecError) throw invalid(path, err.message);
      throw err;
    }
  };
  const hours =
    typeof spec.hours === 'string'
      ? ints('hours', () => parseHoursSpec(spec.hours as string, hoursInYear))
      : [...new Set(spec.hours)].sort((a, b) => a - b);
  const seeds =
    spec.seeds === undefined
      ? null
      : typeof spec.seeds === 'string'
        ? ints('seeds', () => parseSeedsSpec(spec.seeds as string))
        : [...new Set(spec.seeds)].sort((a, b) => a - b);
  let axes;
  try {
    axes = axesOf(spec);
  } catch (err) {
    throw asApiError(err);
  }
  const title =
    spec.title ??
    `${resolved.map((s) => s.id).join(', ')} at ${hours.length} hour${hours.length === 1 ? '' : 's'}`;
  return { title, scenarios: resolved, hours, seeds, axes };
}

// Errors of the scenario package: a scenario that does not validate (against its schema or
// against the network it runs on) names every bad field by its path.
export interface ScenarioIssue {
  /** e.g. events[3].element.id */
  path: string;
  message: string;
}

export class ScenarioValidationError extends Error {
  readonly code = 'FINEST_SCENARIO_INVALID';
  readonly issues: ScenarioIssue[];
  constructor(source: string, issues: ScenarioIssue[]) {
    super(
      `${source}: invalid scenario\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`,
    );
    this.name = 'ScenarioValidationError';
    this.issues = issues;
  }
}

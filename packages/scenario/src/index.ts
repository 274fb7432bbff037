export * from './schema/index.ts';
export type { EngineInputs, ScenarioRun } from './engine/run.ts';
export { createRun, EngineNotReadyError, runScenario } from './engine/run.ts';
export { prepareEngine } from './engine/prepare.ts';
export type { AreaModel } from './engine/area-defaults.ts';
export { AREA_DEFAULTS } from './engine/area-defaults.ts';
export type { City, CityLayer, District } from './engine/city-layer.ts';
export { cityFromDistricts } from './engine/city-layer.ts';
export { branchScenario } from './branch-scenario.ts';
export type { KpiDifference, RunComparison } from './compare-runs.ts';
export { compareRuns } from './compare-runs.ts';
export type { ScenarioIssue } from './errors.ts';
export { ScenarioValidationError } from './errors.ts';
export { parseScenario } from './parse-scenario.ts';
export { seededRandom } from './engine/rng.ts';
export { ENGINE_VERSION } from './engine/version.ts';
export type { BundledData } from './load-bundled.ts';
export {
  BUNDLED_DATA_DIR,
  loadBundledCities,
  loadBundledData,
  loadScenarioLibrary,
} from './load-bundled.ts';
export type { BranchYear, CityYear, YearScan, YearScanOptions } from './year-scan.ts';
export { scanYear } from './year-scan.ts';

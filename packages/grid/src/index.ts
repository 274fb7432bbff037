// The Node entry of @finest/grid: everything of the browser-safe entry (schema/index.ts: the
// network schema, its validation, the labels, the error classes) and the readers, writers,
// topology and snapshots.
export * from './schema/index.ts';
export { MatpowerParseError } from './errors.ts';
export type { MatpowerCase, MatrixField } from './matpower/case.ts';
export { parseMatpower } from './matpower/parse.ts';
export { matpowerToNetwork } from './matpower/to-network.ts';
export { networkToMatpower } from './matpower/from-network.ts';
export { writeMatpower } from './matpower/write.ts';
export { loadMatpowerFile } from './matpower/load.ts';
export type { AdjacencyIndex, TopologyOptions } from './topology/adjacency-index.ts';
export { buildAdjacencyIndex } from './topology/adjacency-index.ts';
export type { Island, IslandResult } from './topology/islands.ts';
export { findIslands } from './topology/islands.ts';
export { findBridgeIndices, findBridges } from './topology/bridges.ts';
export type { BusNodeAttributes, EdgeAttributes, TopologyGraphOptions } from './topology/graph.ts';
export { buildTopologyGraph } from './topology/graph.ts';
export type { Contingency, ContingencySet, OutageElement } from './schema/contingency-set.ts';
export {
  ContingencySchema,
  ContingencySetSchema,
  OutageElementSchema,
} from './schema/contingency-set.ts';
export { applyOutages } from './outage/apply-outages.ts';
export type { CheckOptions } from './check/check-network.ts';
export { checkNetwork } from './check/check-network.ts';
export type { DemandAllocation, HourlyProfile, SnapshotInputs } from './snapshot/dataset.ts';
export { DemandAllocationSchema, HourlyProfileSchema } from './snapshot/dataset.ts';
export type { SnapshotOptions, SnapshotSummary } from './snapshot/snapshot.ts';
export {
  hourOf,
  isHeatingSeason,
  SNAPSHOT_DEFAULTS,
  snapshotForHour,
  unitCostEurPerMWh,
} from './snapshot/snapshot.ts';
export type { TopologyName } from './snapshot/topology.ts';
export { applyTopology, TOPOLOGIES } from './snapshot/topology.ts';
export { CgmesError } from './errors.ts';
export type { CgmesErrorKind } from './errors.ts';
export type { CgmesImport } from './cgmes/to-network.ts';
export type { LoadCgmesOptions } from './cgmes/load.ts';
export { loadCgmes, parseCgmes } from './cgmes/load.ts';
export type { CgmesSource, SourceLimits } from './cgmes/sources.ts';
export { DEFAULT_SOURCE_LIMITS } from './cgmes/sources.ts';
export { looksLikeCgmes } from './cgmes/looks-like.ts';
export type { SvComparison } from './cgmes/sv-compare.ts';
export { compareWithSv } from './cgmes/sv-compare.ts';
export type { CgmesExport, SolvedState } from './cgmes/export/write-cgmes.ts';
export { networkToCgmes } from './cgmes/export/write-cgmes.ts';

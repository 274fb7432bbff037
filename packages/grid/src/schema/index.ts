// The browser-safe entry of @finest/grid ("@finest/grid/schema"): the network schema, its
// validation with paths and the element labels, and nothing that needs Node or the parsers'
// libraries (fflate, saxes, graphology). The web app reads networks through it; a test
// (browser-entry.test.ts) walks its imports and fails on anything but these files and zod.
export {
  AreaSchema,
  BranchSchema,
  BusSchema,
  BusTypeSchema,
  CountrySchema,
  DatasetSchema,
  GeneratorSchema,
  HvdcLinkSchema,
  NetworkSchema,
} from './network.ts';
export type {
  Area,
  Branch,
  Bus,
  BusType,
  Country,
  Dataset,
  Generator,
  HvdcLink,
  Network,
} from './network.ts';
export type { NetworkIssue } from '../errors.ts';
export { GridError, NetworkValidationError } from '../errors.ts';
export { formatPath, parseNetworkJson } from './parse-network-json.ts';
export type { BranchEndParts, BranchLabelParts } from '../names/branch-label.ts';
export { branchLabel, formatBranchLabel } from '../names/branch-label.ts';

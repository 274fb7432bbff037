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
} from './schema/network.ts';
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
} from './schema/network.ts';

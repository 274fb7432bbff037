// Every migration of the store, in order. Append only: a released migration never changes.
import { initial } from './001-initial.ts';
import { sweeps } from './002-sweeps.ts';
import type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [initial, sweeps];
export type { Migration } from './migration.ts';

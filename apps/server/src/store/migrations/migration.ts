/** One step of the store's schema; versions run 1, 2, 3, … with no gaps. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

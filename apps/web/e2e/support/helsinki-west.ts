// The incident the city tests play: the west city substation of Helsinki (Salmisaari 110 kV,
// the city-side equivalent that feeds Kamppi, Punavuori, Töölö and the west) trips at 120 s.
// In one scenario it is put back at 480 s by a restore event; in the other nobody does, so
// the browser test can reconnect it itself with a what-if from the playhead.
import { ScenarioEnvelopeSchema } from '@finest/protocol';
import { send } from './api.ts';
import type { RunningServer } from './twin-server.ts';

export const FEEDER = 'FI:HEL-W';
export const TRIP_S = 120;
export const RESTORE_S = 480;
/** trips and is restored by the scenario */
export const RESTORED = 'helsinki-west-substation';
/** trips and stays out */
export const LEFT_OUT = 'helsinki-west-substation-out';

const trip = {
  type: 'trip',
  at: TRIP_S,
  element: { kind: 'substation', id: FEEDER },
  cause: 'test',
};

const scenarios = [
  {
    id: RESTORED,
    title: 'Helsinki west city substation trips',
    description: 'Browser test: Salmisaari 110 kV (city-side equivalent) trips and is restored.',
    events: [trip, { type: 'restore', at: RESTORE_S, element: { kind: 'substation', id: FEEDER } }],
  },
  {
    id: LEFT_OUT,
    title: 'Helsinki west city substation trips and stays out',
    description: 'Browser test: Salmisaari 110 kV (city-side equivalent) trips; no restore event.',
    events: [trip],
  },
];

/** Stores both scenarios as user scenarios on the server. */
export async function storeScenarios(server: RunningServer): Promise<void> {
  for (const s of scenarios)
    await send(
      server,
      '/api/scenarios',
      {
        schemaVersion: 1,
        network: 'fi-ee',
        start: { hour: 510 },
        durationS: 900,
        stepS: 30,
        ...s,
      },
      201,
      ScenarioEnvelopeSchema,
    );
}

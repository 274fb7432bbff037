// Applies one scenario event to the working state and says what happened in plain words.
// Events at t = 0 set the starting conditions; later trips, restorations, derates and HVDC
// set-point changes are sudden (the frequency model sees them), while demand scaling,
// redispatch and reserve activation are planned changes the balancing covers.
import type { LogEntry } from '../schema/run.ts';
import type { ScenarioEvent } from '../schema/scenario.ts';
import {
  branchLabel,
  busLabel,
  formatMW,
  generatorLabel,
  hvdcDirection,
  hvdcLabel,
  minutes,
} from './names.ts';
import { orderStart } from './unit-dispatch.ts';
import { reserveGeneratorId, type WorkingState } from './working-state.ts';
import { TEMPERATURE_SENSITIVITY_MW_PER_C } from './area-defaults.ts';

export interface EventEffect {
  entries: Omit<LogEntry, 't' | 'clock'>[];
  /** a sudden change of supply or demand (seen by the frequency model) */
  sudden: boolean;
}

export interface LiveValues {
  /** MW flowing now per link and produced now per unit */
  hvdcMW: Float64Array;
  generatorMW: Float64Array;
}

export function applyEvent(
  s: WorkingState,
  e: ScenarioEvent,
  live: LiveValues,
  temperatureSensitivity: Record<string, number> | undefined,
  /** s, the time of the event */
  t: number,
): EventEffect {
  const { net } = s;
  const cause = e.cause ? ` (${e.cause})` : '';
  switch (e.type) {
    case 'trip':
    case 'restore': {
      const on = e.type === 'restore';
      const verb = on ? 'restored' : 'tripped';
      const kind = on ? 'restore' : 'trip';
      const { id } = e.element;
      if (e.element.kind === 'branch') {
        const l = s.branchIndex.get(id)!;
        net.branches[l]!.inService = on;
        s.branchTripped[l] = 0;
        return {
          sudden: true,
          entries: [
            dropUndefined({
              kind,
              text: `${branchLabel(net, l, s.busIndex)} ${verb}${cause}`,
              element: e.element,
              country: net.buses[s.busIndex.get(net.branches[l]!.from)!]?.country,
            }),
          ],
        };
      }
      if (e.element.kind === 'hvdc') {
        const k = s.hvdcIndex.get(id)!;
        const P = live.hvdcMW[k]!;
        net.hvdcLinks[k]!.inService = on;
        s.hvdcTripped[k] = 0;
        const lost = !on && P !== 0;
        return {
          sudden: true,
          entries: [
            {
              kind,
              text: lost
                ? `${hvdcLabel(net, k)} tripped, ${formatMW(P)} ${hvdcDirection(net, k, P, s.busIndex)} lost${cause}`
                : `${hvdcLabel(net, k)} ${verb}${cause}`,
              element: e.element,
              ...(lost ? { MW: Math.abs(P) } : {}),
            },
          ],
        };
      }
      if (e.element.kind === 'generator') {
        const k = s.genIndex.get(id)!;
        const P = live.generatorMW[k]!;
        net.generators[k]!.inService = on;
        // a tripped unit must start again: it synchronises after its start-up time (at t = 0,
        // a starting condition, at once)
        let back = '';
        if (!on) {
          s.committed[k] = 0;
          s.startReadyAt[k] = Infinity;
        } else if (t === 0) s.committed[k] = 1;
        else if (!s.committed[k]) {
          const ready = orderStart(s, k, t);
          back = `; starting, synchronises in ${minutes(ready - t)}`;
        }
        return {
          sudden: true,
          entries: [
            dropUndefined({
              kind,
              text: on
                ? `${generatorLabel(net, k)} restored${cause}${back}`
                : `${generatorLabel(net, k)} tripped, ${formatMW(P)} lost${cause}`,
              element: e.element,
              country: s.busCountry[s.busIndex.get(net.generators[k]!.bus)!],
              ...(on ? {} : { MW: P }),
            }),
          ],
        };
      }
      // substation: the bus, its branches and its units
      const i = s.busIndex.get(id)!;
      if (!on) {
        const switched: number[] = [];
        net.branches.forEach((br, l) => {
          if ((br.from === id || br.to === id) && br.inService) {
            br.inService = false;
            switched.push(l);
          }
        });
        s.substationBranches.set(i, switched);
        s.busOn[i] = 0;
      } else {
        for (const l of s.substationBranches.get(i) ?? []) net.branches[l]!.inService = true;
        s.substationBranches.delete(i);
        s.busOn[i] = 1;
      }
      return {
        sudden: true,
        entries: [
          dropUndefined({
            kind,
            text: `substation ${busLabel(net, i)} ${verb}${cause}`,
            element: e.element,
            country: s.busCountry[i],
          }),
        ],
      };
    }
    case 'derate': {
      const k = s.genIndex.get(e.generator)!;
      const before = live.generatorMW[k]!;
      s.availableMW[k] = Math.min(s.ratedMW[k]!, e.PmaxMW);
      return {
        sudden: before > e.PmaxMW,
        entries: [
          {
            kind: 'derate',
            text: `${generatorLabel(net, k)} derated to ${formatMW(s.availableMW[k]!)}${cause}`,
            element: { kind: 'generator', id: e.generator },
            MW: s.availableMW[k]!,
          },
        ],
      };
    }
    case 'set-hvdc': {
      const k = s.hvdcIndex.get(e.link)!;
      net.hvdcLinks[k]!.P = e.MW;
      return {
        sudden: true,
        entries: [
          {
            kind: 'hvdc',
            text: `${hvdcLabel(net, k)} set to ${formatMW(e.MW)} ${hvdcDirection(net, k, e.MW, s.busIndex)}${cause}`,
            element: { kind: 'hvdc', id: e.link },
            MW: e.MW,
          },
        ],
      };
    }
    case 'scale-demand': {
      const scope = e.scope.country ?? `area:${e.scope.area!}`;
      const name = e.scope.country ?? `the ${e.scope.area!} area`;
      if (e.factor !== undefined) {
        s.demandFactor.set(scope, e.factor);
        return {
          sudden: false,
          entries: [
            {
              kind: 'demand',
              text: `demand in ${name} scaled by ${e.factor}${cause}`,
              ...(e.scope.country ? { country: e.scope.country } : {}),
            },
          ],
        };
      }
      const countries = e.scope.country
        ? [e.scope.country]
        : [...new Set(s.busCountry.filter((c, i) => c && s.busArea[i] === e.scope.area))];
      let total = 0;
      for (const c of countries) {
        const perC = temperatureSensitivity?.[c] ?? TEMPERATURE_SENSITIVITY_MW_PER_C[c] ?? 0;
        const mw = -perC * e.temperatureDeltaC!;
        s.demandOffsetMW.set(c, mw);
        total += mw;
      }
      return {
        sudden: false,
        entries: [
          {
            kind: 'demand',
            text: `temperature ${e.temperatureDeltaC! > 0 ? '+' : ''}${e.temperatureDeltaC} °C in ${name}: demand ${total >= 0 ? '+' : '−'}${formatMW(total)}${cause}`,
            MW: total,
          },
        ],
      };
    }
    case 'activate-reserve': {
      const k = s.genIndex.get(reserveGeneratorId(e.name, e.bus))!;
      net.generators[k]!.inService = true;
      s.reserveRamp.set(k, { at: t, rampS: e.rampS, MW: e.MW });
      return {
        sudden: false,
        entries: [
          {
            kind: 'reserve',
            text: `${e.name} activated: ${formatMW(e.MW)} at ${busLabel(net, s.busIndex.get(e.bus)!)}${e.rampS > 0 ? ` within ${e.rampS} s` : ''}${cause}`,
            MW: e.MW,
          },
        ],
      };
    }
    case 'redispatch': {
      const k = s.genIndex.get(e.generator)!;
      s.scheduledMW[k] = e.MW;
      // at t = 0 a starting condition: the unit runs at that output from the start; later the
      // unit ramps there, after starting up if it is cold
      let how = '';
      if (t === 0) {
        if (e.MW > 0 && net.generators[k]!.inService) s.committed[k] = 1;
        s.setpointMW[k] = e.MW;
      } else if (e.MW > 0 && !s.committed[k] && net.generators[k]!.inService) {
        const ready = orderStart(s, k, t);
        how = `; starting, synchronises in ${minutes(ready - t)}`;
      }
      return {
        sudden: false,
        entries: [
          {
            kind: 'redispatch',
            text: `${generatorLabel(net, k)} redispatched to ${formatMW(e.MW)}${cause}${how}`,
            element: { kind: 'generator', id: e.generator },
            MW: e.MW,
          },
        ],
      };
    }
  }
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

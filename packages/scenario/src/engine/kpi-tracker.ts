// Accumulates a run's KPIs frame by frame: energy not served (shedding is constant between
// frames, so ENS is a left Riemann sum), peak shed, people affected, frequency extremes per
// area, branches tripped, time to restore, and the ICS estimate per country.
//   People affected: in the city layer, each district's population × the share of demand
//   shed at its feeding substations; per country, its population × its share of demand
//   shed (COUNTRY_POPULATION), and never fewer than the city layer counts there.
import type { AreaKpis, CityKpis, CountryKpis, RunKpis } from '../schema/run.ts';
import { COUNTRY_POPULATION, FULL_FCR_DEVIATION_HZ } from './area-defaults.ts';
import type { Balance } from './balance.ts';
import type { CityLayer } from './city-layer.ts';
import type { FrequencyTrace } from './frequency.ts';
import { estimateIcs } from './ics.ts';
import type { WorkingState } from './working-state.ts';

interface CountryAcc {
  area: string;
  ens: number;
  peakShed: number;
  peakDemand: number;
  people: number;
  trips: number;
  firstShed: number | null;
  restoredAt: number | null;
  shedNow: number;
}

export interface KpiTracker {
  observe(t: number, b: Balance): void;
  frequency(area: string, t0: number, trace: FrequencyTrace): void;
  uflsStage(area: string): void;
  branchTripped(id: string, country: string | undefined): void;
  nonConverged(): void;
  result(t: number): RunKpis;
}

export function createKpiTracker(s: WorkingState, cities: CityLayer): KpiTracker {
  const countries = [...new Set(s.busCountry.filter((c, i) => c && s.demandShare[i]! > 0))];
  const country = new Map<string, CountryAcc>();
  for (const c of countries) {
    // the area of the country's biggest load
    let best = -1;
    s.demandShare.forEach((w, i) => {
      if (s.busCountry[i] === c && (best < 0 || w > s.demandShare[best]!)) best = i;
    });
    country.set(c, {
      area: s.busArea[best] ?? '',
      ens: 0,
      peakShed: 0,
      peakDemand: 0,
      people: 0,
      trips: 0,
      firstShed: null,
      restoredAt: null,
      shedNow: 0,
    });
  }
  const cityAcc = cities.map((city) => ({
    city,
    buses: [
      ...new Set(
        city.districts.flatMap((d) =>
          d.substations.map((id) => s.busIndex.get(id)).filter((i) => i !== undefined),
        ),
      ),
    ],
    ens: 0,
    peakShed: 0,
    peakPeople: 0,
    shedNow: 0,
    affected: new Set<string>(),
  }));
  const areas = new Map<string, AreaKpis>(
    [...s.areaModels].map(([a, m]) => [
      a,
      {
        nadirHz: m.nominalHz,
        nadirAtS: 0,
        zenithHz: m.nominalHz,
        maxRocofHzPerS: 0,
        uflsStagesTriggered: 0,
      },
    ]),
  );
  const tripped: string[] = [];
  let nonConvergedSteps = 0;
  let tPrev = 0;

  const shedAt = (b: Balance, i: number): number =>
    b.uflsShedMW[i]! + b.deficitShedMW[i]! + b.lostMW[i]! + b.controlledShedMW[i]!;

  return {
    observe(t, b) {
      const dtH = (t - tPrev) / 3600;
      tPrev = t;
      const demand = new Map<string, number>();
      const shed = new Map<string, number>();
      for (let i = 0; i < b.demandMW.length; i++) {
        const c = s.busCountry[i]!;
        if (!country.has(c)) continue;
        demand.set(c, (demand.get(c) ?? 0) + b.demandMW[i]!);
        shed.set(c, (shed.get(c) ?? 0) + shedAt(b, i));
      }
      const cityPeople = new Map<string, number>();
      for (const acc of cityAcc) {
        acc.ens += acc.shedNow * dtH;
        // the city's buses carry only the city's load (city-demand.ts), so their shed is the
        // city's; it can never exceed what the city consumes at that moment
        const cityDemand = acc.buses.reduce((sum, i) => sum + b.demandMW[i]!, 0);
        acc.shedNow = Math.min(
          cityDemand,
          acc.buses.reduce((sum, i) => sum + shedAt(b, i), 0),
        );
        acc.peakShed = Math.max(acc.peakShed, acc.shedNow);
        let people = 0;
        for (const d of acc.city.districts) {
          let dem = 0;
          let sh = 0;
          for (const id of d.substations) {
            const i = s.busIndex.get(id);
            if (i === undefined) continue;
            dem += b.demandMW[i]!;
            sh += shedAt(b, i);
          }
          if (dem > 0 && sh > 0.01) {
            people += (d.population * sh) / dem;
            acc.affected.add(d.name);
          }
        }
        acc.peakPeople = Math.max(acc.peakPeople, Math.round(people));
        cityPeople.set(acc.city.country, (cityPeople.get(acc.city.country) ?? 0) + people);
      }
      for (const [c, acc] of country) {
        acc.ens += acc.shedNow * dtH;
        const d = demand.get(c) ?? 0;
        const sh = shed.get(c) ?? 0;
        acc.shedNow = sh;
        acc.peakDemand = Math.max(acc.peakDemand, d);
        acc.peakShed = Math.max(acc.peakShed, sh);
        if (sh > 0.5) {
          acc.firstShed ??= t;
          acc.restoredAt = null;
        } else if (acc.firstShed !== null && acc.restoredAt === null) acc.restoredAt = t;
        const pop = COUNTRY_POPULATION[c]?.people ?? 0;
        const people = Math.max(d > 0 ? (pop * sh) / d : 0, cityPeople.get(c) ?? 0);
        acc.people = Math.max(acc.people, Math.round(people));
      }
    },
    frequency(area, t0, trace) {
      const a = areas.get(area);
      if (!a) return;
      if (trace.minHz < a.nadirHz) {
        a.nadirHz = trace.minHz;
        a.nadirAtS = t0 + trace.minAfter;
      }
      a.zenithHz = Math.max(a.zenithHz, trace.maxHz);
      a.maxRocofHzPerS = Math.max(a.maxRocofHzPerS, trace.maxRocof);
    },
    uflsStage(area) {
      const a = areas.get(area);
      if (a) a.uflsStagesTriggered++;
    },
    branchTripped(id, c) {
      tripped.push(id);
      const acc = c === undefined ? undefined : country.get(c);
      if (acc) acc.trips++;
    },
    nonConverged() {
      nonConvergedSteps++;
    },
    result(t) {
      const out: Record<string, CountryKpis> = {};
      for (const [c, acc] of country) {
        const ens = acc.ens + acc.shedNow * ((t - tPrev) / 3600);
        const a = areas.get(acc.area);
        const nominal = s.areaModels.get(acc.area)?.nominalHz ?? 50;
        const nadir = a?.nadirHz ?? nominal;
        const zenith = a?.zenithHz ?? nominal;
        const restored = acc.shedNow <= 0.5;
        const ics = estimateIcs({
          peakShedMW: acc.peakShed,
          peakDemandMW: acc.peakDemand,
          maxDeviationHz: Math.max(nominal - nadir, zenith - nominal),
          fullFcrDeviationHz: FULL_FCR_DEVIATION_HZ[acc.area] ?? 0.2,
          uflsStages: a?.uflsStagesTriggered ?? 0,
          branchesTripped: acc.trips,
        });
        out[c] = {
          area: acc.area,
          energyNotServedMWh: ens,
          peakShedMW: acc.peakShed,
          peakDemandMW: acc.peakDemand,
          peopleAffected: acc.people,
          branchesTripped: acc.trips,
          timeToRestoreS: acc.firstShed === null ? null : (acc.restoredAt ?? t) - acc.firstShed,
          restored,
          frequencyNadirHz: nadir,
          frequencyZenithHz: zenith,
          maxRocofHzPerS: a?.maxRocofHzPerS ?? 0,
          icsScale: ics.scale,
          icsReason: ics.reason,
        };
      }
      const citiesOut: Record<string, CityKpis> = {};
      for (const acc of cityAcc) {
        citiesOut[acc.city.name] = {
          country: acc.city.country,
          population: acc.city.districts.reduce((sum, d) => sum + d.population, 0),
          energyNotServedMWh: acc.ens + acc.shedNow * ((t - tPrev) / 3600),
          peakShedMW: acc.peakShed,
          peakPeopleAffected: acc.peakPeople,
          districtsAffected: [...acc.affected].sort(),
        };
      }
      return {
        durationS: t,
        countries: out,
        cities: citiesOut,
        areas: Object.fromEntries(areas),
        branchesTripped: [...tripped],
        nonConvergedSteps,
      };
    },
  };
}

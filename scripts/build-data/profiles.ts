// Hourly 2015 series for Finland and Estonia from ../shared/data/hourly-demand-2015-fi-ee:
// ENTSO-E country load (MW, "Source: ENTSO-E") and onshore-wind capacity factors (model.energy
// from ERA5, CC BY 4.0). Kept as one series per country in our own format; bus-level demand is
// the country series times the bus weights of allocation.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from './csv.ts';

export interface HourlyProfile {
  description: string;
  source: string;
  licence: string;
  unit: string;
  /** UTC time of the first hour */
  start: string;
  hours: number;
  series: Record<'FI' | 'EE', number[]>;
}

function readSeries(file: string): { start: string; FI: number[]; EE: number[] } {
  const rows = parseCsv(readFileSync(file, 'utf8'), { delimiter: ';' });
  if (rows.length !== 8760)
    throw new Error(`profiles: ${file} has ${rows.length} hours, expected 8760`);
  rows.forEach((r, k) => {
    if (!Number.isFinite(Number(r.FIN)) || !Number.isFinite(Number(r.EST)))
      throw new Error(`profiles: ${file} row ${k + 2} is not numeric`);
  });
  return {
    start: rows[0]!.utc_time!,
    FI: rows.map((r) => Number(r.FIN)),
    EE: rows.map((r) => Number(r.EST)),
  };
}

export function readProfiles(sharedData: string): { demand: HourlyProfile; wind: HourlyProfile } {
  const dir = join(sharedData, 'hourly-demand-2015-fi-ee');
  const demand = readSeries(join(dir, 'electricity_demand_2015_FIN_EST.csv'));
  const wind = readSeries(join(dir, 'onshore_wind_cf_2015_FIN_EST.csv'));
  return {
    demand: {
      description: 'Hourly electricity demand 2015 (mean MW over each hour)',
      source:
        'ENTSO-E country load data 2015, via github.com/martavp/MESM_project data/electricity_demand.csv',
      licence: 'ENTSO-E data, reuse with attribution "Source: ENTSO-E"',
      unit: 'MW',
      start: demand.start,
      hours: 8760,
      series: { FI: demand.FI, EE: demand.EE },
    },
    wind: {
      description: 'Hourly onshore wind capacity factor 2015 (synthetic, weather-driven)',
      source:
        'model.energy from ECMWF ERA5 (Copernicus), via github.com/AlbertDTU/Integrated-Energy-Grids-in-the-Nordics data/onshore_wind.csv',
      licence: 'CC BY 4.0',
      unit: 'per unit of installed capacity',
      start: wind.start,
      hours: 8760,
      series: { FI: wind.FI, EE: wind.EE },
    },
  };
}

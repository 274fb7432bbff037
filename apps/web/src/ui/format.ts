// Number and time formats of the panels: MW with thousands separators, Hz to the mHz, and
// the wall-clock time of a run (Europe/Helsinki, as the event log writes it).

const mwFmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneFmt = new Intl.NumberFormat('en-GB', {
  maximumFractionDigits: 1,
  minimumFractionDigits: 1,
});

export const fmtMW = (v: number): string => (Number.isFinite(v) ? `${mwFmt.format(v)} MW` : '–');
export const fmtInt = (v: number): string => (Number.isFinite(v) ? mwFmt.format(v) : '–');
export const fmtOne = (v: number): string => (Number.isFinite(v) ? oneFmt.format(v) : '–');
export const fmtHz = (v: number): string =>
  Number.isFinite(v) && v > 0 ? `${v.toFixed(3)} Hz` : '–';
export const fmtPct = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(0)} %` : '–');

const clockFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dateFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** HH:MM:SS (Helsinki) of t s after an ISO start; "+h:mm:ss" when the start is unknown. */
export function fmtClock(startIso: string | undefined, t: number): string {
  const start = startIso ? Date.parse(startIso) : NaN;
  if (Number.isFinite(start)) return clockFmt.format(new Date(start + t * 1000));
  return `+${fmtDuration(t)}`;
}

export function fmtDate(startIso: string | undefined): string {
  const start = startIso ? Date.parse(startIso) : NaN;
  return Number.isFinite(start) ? dateFmt.format(new Date(start)) : '';
}

/** h:mm:ss */
export function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return '–';
  const x = Math.max(0, Math.round(s));
  const hh = Math.floor(x / 3600);
  const mm = Math.floor((x % 3600) / 60);
  const ss = x % 60;
  return `${hh}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

/** "1 245 MW FI→EE" for a signed flow on a link between two named ends */
export function fmtDirected(mw: number, from: string, to: string): string {
  if (!Number.isFinite(mw)) return '–';
  if (Math.abs(mw) < 0.5) return '0 MW';
  return mw > 0 ? `${fmtMW(mw)} ${from}→${to}` : `${fmtMW(-mw)} ${to}→${from}`;
}

// The run's sequence of events as the web app holds it: one list, in the server's order, with
// the engine's wording. The server keeps one append-only log per run (run-service.ts); REST
// (/api/runs/:id/log) returns all of it computed so far and the stream sends it up to the
// playhead — a `replace` with the first n entries after a seek or subscribe, then the ones that
// follow. Every piece is therefore a prefix of the same list, so merging is keeping the longest
// prefix known: no dedupe, no re-wording. `streamed` counts how far the stream has got since its
// last replace, which places an appended piece.
import { LogKindSchema, type LogEntry, type LogKind } from '@finest/scenario/schema';

export interface KnownLog {
  /** a prefix of the run's log */
  log: LogEntry[];
  /** entries the stream has sent since its last replace */
  logStreamed: number;
}

export const EMPTY_LOG: KnownLog = { log: [], logStreamed: 0 };

/** A stream `log` message: the first entries (replace) or the next ones after the last sent. */
export function addStreamed(known: KnownLog, entries: LogEntry[], replace: boolean): KnownLog {
  const streamed = (replace ? 0 : known.logStreamed) + entries.length;
  if (streamed <= known.log.length) return { log: known.log, logStreamed: streamed };
  // the part of this piece beyond what is known
  const fresh = entries.slice(entries.length - (streamed - known.log.length));
  return { log: [...known.log, ...fresh], logStreamed: streamed };
}

/** The log from REST: everything computed so far, from the first entry. */
export function addFetched(known: KnownLog, entries: LogEntry[]): KnownLog {
  return entries.length > known.log.length ? { ...known, log: entries } : known;
}

/** Kinds the timeline and the charts do not mark: notes about the grid, not changes to it. */
const NOTES: ReadonlySet<LogKind> = new Set<LogKind>(['frequency', 'warning', 'info']);

/** Kinds marked on the timeline and the charts: every kind of the log's schema but the notes. */
export const MARKER_KINDS: ReadonlySet<LogKind> = new Set(
  LogKindSchema.options.filter((k) => !NOTES.has(k)),
);

export interface LogMarker {
  t: number;
  /** the entry's own words, with its clock time */
  label: string;
  kind: LogKind;
}

/** Timeline markers from the log: at most `most`, none closer than `minGapS` to the previous. */
export function logMarkers(log: readonly LogEntry[], minGapS: number, most = 60): LogMarker[] {
  const out: LogMarker[] = [];
  for (const e of log) {
    if (!MARKER_KINDS.has(e.kind)) continue;
    const last = out[out.length - 1];
    if (last && e.t - last.t < minGapS) continue;
    out.push({ t: e.t, label: `${e.clock} ${e.text}`, kind: e.kind });
    if (out.length === most) break;
  }
  return out;
}

const fixed = (v: number, digits: number): string =>
  v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The entry's measured figures, formatted from its fields ("658 MW · 49.52 Hz · 104 %"). */
export function logFigures(e: LogEntry): string {
  const parts: string[] = [];
  if (e.MW !== undefined) parts.push(`${fixed(Math.abs(e.MW), 0)} MW`);
  if (e.Hz !== undefined) parts.push(`${fixed(e.Hz, 2)} Hz`);
  if (e.loadingPct !== undefined) parts.push(`${fixed(e.loadingPct, 0)} %`);
  return parts.join(' · ');
}

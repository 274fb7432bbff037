// Reads `npm audit --json` output. Three outcomes, kept apart on purpose: the dependencies were
// checked and are clean (or have only low/moderate advisories, reported), they were checked and
// have a high or critical advisory (CI fails), or the advisory endpoint could not be asked (a
// registry mirror without the audit API, no network): reported as unchecked, never as clean.
import { z } from 'zod';

const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
type Severity = (typeof SEVERITIES)[number];

const ReportSchema = z.object({
  vulnerabilities: z.record(
    z.string(),
    z.object({
      name: z.string(),
      severity: z.enum(SEVERITIES),
      via: z.array(z.union([z.string(), z.object({ title: z.string().optional() }).loose()])),
    }),
  ),
  metadata: z.object({
    vulnerabilities: z.record(z.string(), z.number()),
    dependencies: z.object({ total: z.number() }).loose(),
  }),
});

const ErrorSchema = z
  .object({ message: z.string().optional(), error: z.unknown().optional() })
  .loose();

export type AuditOutcome =
  | { kind: 'checked'; dependencies: number; counts: Record<Severity, number>; failing: string[] }
  | { kind: 'unavailable'; reason: string };

export function classifyAudit(stdout: string): AuditOutcome {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return { kind: 'unavailable', reason: `npm audit printed no JSON: ${stdout.slice(0, 200)}` };
  }
  const report = ReportSchema.safeParse(json);
  if (report.success) {
    const counts = Object.fromEntries(
      SEVERITIES.map((s) => [s, report.data.metadata.vulnerabilities[s] ?? 0]),
    ) as Record<Severity, number>;
    const failing = Object.values(report.data.vulnerabilities)
      .filter((v) => v.severity === 'high' || v.severity === 'critical')
      .map((v) => {
        const titles = v.via.flatMap((x) =>
          typeof x === 'string' ? [] : x.title ? [x.title] : [],
        );
        return `${v.name} (${v.severity})${titles.length ? `: ${titles.join('; ')}` : ''}`;
      });
    return {
      kind: 'checked',
      dependencies: report.data.metadata.dependencies.total,
      counts,
      failing,
    };
  }
  const error = ErrorSchema.safeParse(json);
  const reason = error.success && error.data.message ? error.data.message : 'unrecognised output';
  return { kind: 'unavailable', reason };
}

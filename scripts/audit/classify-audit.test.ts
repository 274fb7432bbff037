import { describe, expect, it } from 'vitest';
import { classifyAudit } from './classify-audit.ts';

const report = (vulnerabilities: Record<string, unknown>, counts: Record<string, number>): string =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...counts },
      dependencies: { prod: 100, dev: 200, total: 300 },
    },
  });

describe('classifyAudit', () => {
  it('tells an unreachable advisory endpoint apart from a clean report', () => {
    const mirror = JSON.stringify({
      message:
        '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      error: { summary: '', detail: '' },
    });
    expect(classifyAudit(mirror)).toEqual({
      kind: 'unavailable',
      reason: expect.stringContaining('405 Method Not Allowed'),
    });
    expect(classifyAudit('')).toMatchObject({ kind: 'unavailable' });
    expect(classifyAudit(report({}, {}))).toEqual({
      kind: 'checked',
      dependencies: 300,
      counts: { info: 0, low: 0, moderate: 0, high: 0, critical: 0 },
      failing: [],
    });
  });

  it('fails on high and critical advisories only, naming them', () => {
    const out = classifyAudit(
      report(
        {
          'left-pad': { name: 'left-pad', severity: 'moderate', via: [{ title: 'slow' }] },
          'evil-lib': { name: 'evil-lib', severity: 'critical', via: [{ title: 'RCE in parser' }] },
          'uses-evil': { name: 'uses-evil', severity: 'high', via: ['evil-lib'] },
        },
        { moderate: 1, high: 1, critical: 1 },
      ),
    );
    expect(out).toMatchObject({
      kind: 'checked',
      counts: { moderate: 1, high: 1, critical: 1 },
      failing: ['evil-lib (critical): RCE in parser', 'uses-evil (high)'],
    });
  });
});

// A vitest reporter that ends every run with one line per group of skipped tests, so that a
// missing Chromium, redis-server or ../shared never passes unnoticed:
//   skipped: 9 browser tests — Chromium not found at /usr/bin/chromium; apt-get install -y …
// Groups come from the meta describeNeeding() puts on a skipped describe (describe-needing.ts);
// tests skipped any other way are counted on one more line with their files. Nothing is
// printed when nothing was skipped. Listed after 'default' in vitest.config.ts.
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import './describe-needing.ts'; // the TaskMeta field it declares

type NeedMeta = NonNullable<ReturnType<TestCase['meta']>['finestNeed']>;

/** The need of the nearest enclosing describe that has one. */
function needOf(test: TestCase): NeedMeta | undefined {
  const own = test.meta().finestNeed;
  if (own) return own;
  for (let p = test.parent; p.type === 'suite'; p = p.parent) {
    const m = p.meta().finestNeed;
    if (m) return m;
  }
  return undefined;
}

/** The skip lines of a finished run (exported for the reporter's test). */
export function skipLines(modules: readonly TestModule[], root: string): string[] {
  const byNeed = new Map<string, { meta: NeedMeta; count: number }>();
  const otherFiles = new Map<string, number>();
  for (const module of modules)
    for (const test of module.children.allTests()) {
      if (test.result().state !== 'skipped') continue;
      const need = needOf(test);
      if (need) {
        const g = byNeed.get(need.id) ?? { meta: need, count: 0 };
        g.count++;
        byNeed.set(need.id, g);
      } else {
        const file = relative(root, module.moduleId);
        otherFiles.set(file, (otherFiles.get(file) ?? 0) + 1);
      }
    }
  const lines = [...byNeed.values()].map(
    ({ meta, count }) => `skipped: ${count} ${meta.tests} — ${meta.message}`,
  );
  if (otherFiles.size > 0) {
    const n = [...otherFiles.values()].reduce((a, b) => a + b, 0);
    const files = [...otherFiles.entries()].map(([f, k]) => `${f} (${k})`).join(', ');
    lines.push(`skipped: ${n} other tests, without a stated need — ${files}`);
  }
  return lines;
}

export default class SkipSummaryReporter implements Reporter {
  private ctx: Vitest | undefined;

  onInit(ctx: Vitest): void {
    this.ctx = ctx;
  }

  onTestRunEnd(modules: readonly TestModule[]): void {
    const root = this.ctx?.config.root ?? process.cwd();
    const lines = skipLines(modules, root);
    if (lines.length === 0) return;
    const log = (s: string): void =>
      this.ctx ? this.ctx.logger.log(s) : void process.stdout.write(`${s}\n`);
    for (const line of lines) log(line);
  }
}

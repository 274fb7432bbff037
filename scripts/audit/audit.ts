// `npm run audit` (run by .ci/run): npm audit over every installed dependency. Prints the
// advisories by severity and fails (exit 1) on any high or critical one. When the advisory
// endpoint cannot be reached it says so plainly and exits 0, unless FINEST_AUDIT_REQUIRED=1
// (exit 2): "not checked" must never read as "clean".
import { spawnSync } from 'node:child_process';
import { classifyAudit } from './classify-audit.ts';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['audit', '--json'], { encoding: 'utf8', timeout: 120_000 });
const outcome = classifyAudit(result.stdout ?? '');

if (outcome.kind === 'unavailable') {
  process.stdout.write(
    `npm audit: dependencies NOT checked: the advisory endpoint is unavailable (${outcome.reason})\n`,
  );
  process.exit(process.env.FINEST_AUDIT_REQUIRED === '1' ? 2 : 0);
}
const summary = Object.entries(outcome.counts)
  .map(([severity, n]) => `${n} ${severity}`)
  .join(', ');
process.stdout.write(`npm audit: ${outcome.dependencies} dependencies checked: ${summary}\n`);
for (const line of outcome.failing) process.stdout.write(`  ${line}\n`);
if (outcome.failing.length > 0) {
  process.stdout.write('npm audit: failing on high or critical advisories (fix or update)\n');
  process.exit(1);
}

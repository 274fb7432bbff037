#!/usr/bin/env -S node --max-semi-space-size=2
// Entry point of the `finest` command: loads the TypeScript sources through tsx, so the
// workspace needs no build step. A 2 MB young generation keeps the peak memory of large N-1
// runs lower (10k buses: 161 → 132 MB) at no measurable cost in time.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));

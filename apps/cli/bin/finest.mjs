#!/usr/bin/env node
// Entry point of the `finest` command: loads the TypeScript sources through tsx, so the
// workspace needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// Entry point of the FinEst Twin server: loads the TypeScript sources through tsx (the
// workspace has no build step), then starts listening (see src/main.ts for the environment).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
const code = await main();
if (code !== 0) process.exit(code);

#!/usr/bin/env node
// `careloop` command: runs the TypeScript CLI through tsx so it shares src/lib/server with the app.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));

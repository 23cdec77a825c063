#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so a clean clone needs only `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/attendance.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });

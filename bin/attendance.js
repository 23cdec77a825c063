#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so a clean clone needs only `npm ci`.
import { register } from 'tsx/esm/api';

// `attendance check ... | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import('../cli/attendance.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });

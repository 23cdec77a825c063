/**
 * Runs the alert test bot in a process of its own, so a test can kill it with SIGKILL mid-delivery:
 * `tsx alertBotProcess.ts <stateDir> <dataDir>`. Prints `listening <url>` when ready.
 */
import { startAlertBot } from './alertBot.ts';

const [stateDir, dataDir] = process.argv.slice(2);
if (!stateDir || !dataDir) {
  process.stderr.write('usage: alertBotProcess.ts <stateDir> <dataDir>\n');
  process.exit(2);
}
const bot = await startAlertBot({ stateDir, dataDir, instanceId: `child-${process.pid}` });
process.stdout.write(`listening ${bot.url}\n`);

/** `npm start`: the product on its embedded default (or on TEMPORAL_ADDRESS), until Ctrl-C or SIGTERM. */
import { ConfigError, loadConfig } from '../temporal.config.js';
import { startStack } from './stack.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}

const stack = await startStack(config);
const { role } = config.deployment;
console.log(`Temporal    ${stack.temporalAddress}${config.temporal.address ? ' (existing cluster)' : ` (embedded, data in ${config.embedded.dataDir}/)`}`);
if (stack.uiUrl) console.log(`Temporal UI ${stack.uiUrl}`);
if (role !== 'api') console.log(`Worker      polling task queue ${config.temporal.taskQueue} (pid ${process.pid})`);
if (stack.apiUrl) console.log(`API         ${stack.apiUrl}  (health: ${stack.apiUrl}/healthz)`);
if (stack.apiUrl) console.log(`Workspace   ${stack.apiUrl}/  (sign in with a user's token)`);
if (stack.seeded.length) {
  const lines = stack.seeded.map(({ user, token }) => `${user.id.padEnd(28)} ${user.roles.join(',').padEnd(20)} ${token}`);
  console.log(
    `\nDevelopment users (tokens shown once; only their hashes are stored). Sign in to the workspace with one, or use Authorization: Bearer <token>\n${lines.join('\n')}`,
  );
  console.log('A lost token cannot be shown again: issue a new one with npm run admin -- issue-token --user <id>\n');
}
console.log('ready');

let signals = 0;
const shutdown = async (signal: string) => {
  if (signals++ > 0) return;
  console.log(`${signal}: shutting down`);
  await stack.stop();
  console.log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

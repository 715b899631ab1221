/**
 * `npm run admin -- <command>`: manage users and bearer tokens in the data folder's identity store.
 *   add-user --id ID --name NAME --jurisdiction J --department D --roles r1,r2 [--unit UNIT]
 *   issue-token --user ID [--label TEXT] [--days N]   prints the token once (valid N days, default 180); only its hash is stored
 *   revoke-tokens --user ID                   withdraws every token of the user
 *   list-users                                users with their tokens' expiry
 *   rotate-command-key                        a new command-signing key in the data folder; running workers trust it and running APIs sign with it within a second
 *   revoke-command-key --id ID                running workers refuse what the key signs and running APIs stop signing with it within a second, without a restart
 *   list-command-keys                         ids and public keys the workers trust, from the data folder's public key set and the configuration
 * A running API picks up every change within seconds, without a restart.
 */
import path from 'node:path';
import { commandLine } from '../runtime/cli.js';
import { loadConfig } from '../temporal.config.js';
import { Identities, TOKEN_VALID_DAYS, type Role } from '../server/identity.js';
import { generateCommandKey, loadTrustedKeys, revokeCommandKey } from '../server/signing.js';

/** Each command with the flags it takes (all with a value). */
const commands = {
  'add-user': ['id', 'name', 'jurisdiction', 'department', 'roles', 'unit'],
  'issue-token': ['user', 'label', 'days'],
  'revoke-tokens': ['user'],
  'list-users': [],
  'rotate-command-key': [],
  'revoke-command-key': ['id'],
  'list-command-keys': [],
} as const satisfies Record<string, readonly string[]>;
const USAGE = `npm run admin -- ${Object.keys(commands).join('|')} [--flag value …]`;
const flags = [...new Set(Object.values(commands).flat())];
const { values, positionals, tokens } = commandLine(
  { options: Object.fromEntries(flags.map((f) => [f, { type: 'string' }] as const)), allowPositionals: true, tokens: true },
  USAGE,
);
const [command, ...extra] = positionals;
if (!command || !Object.hasOwn(commands, command) || extra.length) {
  console.error(`${command && !extra.length ? `unknown command ${command}` : 'one command expected'}\nusage: ${USAGE}`);
  process.exit(2);
}
const allowed: readonly string[] = commands[command as keyof typeof commands];
const stray = tokens.flatMap((t) => (t.kind === 'option' && !allowed.includes(t.name) ? [`--${t.name}`] : []));
if (stray.length) {
  console.error(`${[...new Set(stray)].join(', ')}: not a flag of ${command}\nusage: ${USAGE}`);
  process.exit(2);
}
const opt = (name: (typeof flags)[number]) => values[name];
const config = loadConfig();
const ids = Identities.open(path.resolve(config.embedded.dataDir, 'identities.json'));
const keyDir = path.resolve(config.embedded.dataDir, 'command-keys');
try {
  if (command === 'add-user') {
    const user = ids.addUser({
      id: opt('id') ?? '',
      name: opt('name') ?? '',
      jurisdiction: opt('jurisdiction') ?? '',
      department: opt('department') ?? '',
      roles: (opt('roles') ?? '').split(',').filter(Boolean) as Role[],
      ...(opt('unit') ? { unit: opt('unit')! } : {}),
    });
    console.log(`user ${user.id} saved`);
  } else if (command === 'issue-token') {
    console.log(ids.issueToken(opt('user') ?? '', opt('label') ?? 'issued by admin', Number(opt('days') ?? TOKEN_VALID_DAYS)));
  } else if (command === 'revoke-tokens') {
    console.log(`${ids.revokeTokens(opt('user') ?? '')} token(s) revoked`);
  } else if (command === 'list-users') {
    const tokens = ids.tokens();
    for (const u of ids.users) {
      const own = tokens.filter((t) => t.userId === u.id);
      const expiry = own.length ? own.map((t) => `${t.label}: ${t.expired ? 'expired' : 'expires'} ${t.expiresAt.slice(0, 10)}`).join('; ') : 'no token';
      console.log(`${u.id}\t${u.jurisdiction}\t${u.department}\t${u.roles.join(',')}\t${u.unit ?? ''}\t${expiry}`);
    }
  } else if (command === 'rotate-command-key') {
    console.log(
      `command key ${generateCommandKey(keyDir)} created and published: running workers trust it and running APIs sign with it within a second (the older keys stay trusted until revoked)`,
    );
  } else if (command === 'revoke-command-key') {
    const id = opt('id') ?? '';
    const set = revokeCommandKey(keyDir, id);
    console.log(
      `command key ${id} revoked (key set version ${set.version}): running workers refuse what it signs, and running APIs sign with the newest key not revoked, within a second`,
    );
  } else if (command === 'list-command-keys') {
    for (const [id, key] of Object.entries(loadTrustedKeys({ dir: keyDir, ...config.commands }))) console.log(`${id}\t${key}`);
  }
} catch (err) {
  console.error(String((err as Error).message));
  process.exit(1);
}

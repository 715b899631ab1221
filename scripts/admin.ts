/**
 * `npm run admin -- <command>`: manage users and bearer tokens in the data folder's identity store.
 *   add-user --id ID --name NAME --jurisdiction J --department D --roles r1,r2 [--unit UNIT]
 *   issue-token --user ID [--label TEXT]      prints the token once; only its hash is stored
 *   revoke-tokens --user ID                   withdraws every token of the user
 *   list-users
 */
import path from 'node:path';
import { loadConfig } from '../temporal.config.js';
import { Identities, type Role } from '../server/identity.js';

const [command, ...rest] = process.argv.slice(2);
const opt = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const ids = Identities.open(path.resolve(loadConfig().embedded.dataDir, 'identities.json'));
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
    console.log(ids.issueToken(opt('user') ?? '', opt('label') ?? 'issued by admin'));
  } else if (command === 'revoke-tokens') {
    console.log(`${ids.revokeTokens(opt('user') ?? '')} token(s) revoked`);
  } else if (command === 'list-users') {
    for (const u of ids.users) console.log(`${u.id}\t${u.jurisdiction}\t${u.department}\t${u.roles.join(',')}\t${u.unit ?? ''}`);
  } else {
    console.error('usage: npm run admin -- add-user|issue-token|revoke-tokens|list-users …');
    process.exit(2);
  }
} catch (err) {
  console.error(String((err as Error).message));
  process.exit(1);
}

/**
 * `npm run admin -- <command>`: manage users and bearer tokens in the data folder's identity store.
 *   add-user --id ID --name NAME --jurisdiction J --department D --roles r1,r2 [--unit UNIT] [--email A] [--mobile N] [--im ID] [--notify P]
 *   set-contact --user ID [--email A] [--mobile N] [--im ID] [--notify immediate|digest|inApp]   contact points and how notices reach them ('' removes one)
 *   issue-token --user ID [--label TEXT] [--days N]   prints the token once (valid N days, default 180); only its hash is stored
 *   revoke-tokens --user ID                   withdraws every token of the user
 *   list-users                                users with their tokens' expiry
 *   rotate-command-key                        a new command-signing key in the data folder; running workers trust it and running APIs sign with it within a second
 *   revoke-command-key --id ID                running workers refuse what the key signs and running APIs stop signing with it within a second, without a restart
 *   list-command-keys                         ids and public keys the workers trust, from the data folder's public key set and the configuration
 *   verify PROJECT_ID [--file AUDIT.json] [--address HOST:PORT] [--keys KEYS.json]
 *                                             checks the project's audit hash chain and each action's signature
 *                                             (core/chain.ts): prints 完整 or where either breaks (exit 1); reads the
 *                                             trail from Temporal (the `audit` query, a worker must run) or from an
 *                                             export or archive's audit.json; the API's public keys from the data
 *                                             folder, or a JSON file { <id>: <64 hex digits> }
 *   archive-ended [--address HOST:PORT]       writes the archive package (<dataDir>/archive/<id>/) of every project
 *                                             Temporal ended outside the product (terminated from the Web UI or the
 *                                             CLI, failed, cancelled, timed out) that has none yet; a worker must run
 *                                             (the worker process does the same every worker.archiveSweepMinutes)
 *   rebuild-read-model [--address HOST:PORT]  rebuilds the lists' read model from Temporal (issue 23): directly when no
 *                                             API holds it (a PostgreSQL store, or the embedded one with the API
 *                                             stopped), else the running API does it within seconds; a worker must run
 * A running API picks up every change within seconds, without a restart.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { auditQuery, type HistoryEntry } from '../contracts/messages.js';
import { verifyChain, verifySignatures } from '../core/chain.js';
import { connectionOptions } from '../server/connection.js';
import { commandLine } from '../runtime/cli.js';
import { loadConfig } from '../temporal.config.js';
import { Identities, TOKEN_VALID_DAYS, type NotifyPreference, type Role } from '../server/identity.js';
import { sweepEndedProjects } from '../worker/archive-sweep.js';
import { ProjectService } from '../server/projects.js';
import { ReadModelKeeper } from '../server/read-model/keeper.js';
import { openSql, ReadModelLocked } from '../server/read-model/sql.js';
import { ReadModel } from '../server/read-model/store.js';
import { generateCommandKey, loadPublishedKeys, loadTrustedKeys, revokeCommandKey } from '../server/signing.js';

/** Each command with the flags it takes (all with a value). */
const commands = {
  'add-user': ['id', 'name', 'jurisdiction', 'department', 'roles', 'unit', 'email', 'mobile', 'im', 'notify'],
  'set-contact': ['user', 'email', 'mobile', 'im', 'notify'],
  'issue-token': ['user', 'label', 'days'],
  'revoke-tokens': ['user'],
  'list-users': [],
  'rotate-command-key': [],
  'revoke-command-key': ['id'],
  'list-command-keys': [],
  verify: ['file', 'address', 'keys'],
  'archive-ended': ['address'],
  'rebuild-read-model': ['address'],
} as const satisfies Record<string, readonly string[]>;
const USAGE = `npm run admin -- ${Object.keys(commands).join('|')} [--flag value …]`;
const flags = [...new Set(Object.values(commands).flat())];
const { values, positionals, tokens } = commandLine(
  { options: Object.fromEntries(flags.map((f) => [f, { type: 'string' }] as const)), allowPositionals: true, tokens: true },
  USAGE,
);
const [command, ...rest] = positionals;
// `verify` names its project; no other command takes a positional.
const target = command === 'verify' ? rest.shift() : undefined;
const extra = rest;
if (!command || !Object.hasOwn(commands, command) || extra.length || (command === 'verify' && !target)) {
  const why = command === 'verify' && !target ? 'verify needs a project id' : command && !extra.length ? `unknown command ${command}` : 'one command expected';
  console.error(`${why}\nusage: ${USAGE}`);
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

/** A project's audit trail from an export (the API's JSON, a list of entries) or an archive's audit.json, or from Temporal. */
async function trailOf(projectId: string): Promise<HistoryEntry[]> {
  const file = opt('file');
  if (file) {
    const read = JSON.parse(readFileSync(file, 'utf8')) as HistoryEntry[] | { projectId?: string; entries?: HistoryEntry[] };
    const entries = Array.isArray(read) ? read : read.entries;
    if (!Array.isArray(entries)) throw new Error(`${file}: expected a list of audit entries or an archive's audit.json`);
    if (!Array.isArray(read) && read.projectId !== undefined && read.projectId !== projectId)
      throw new Error(`${file} is the audit of ${read.projectId}, not ${projectId}`);
    return entries;
  }
  return withClient((client) => client.workflow.getHandle(projectId).query(auditQuery));
}

/** A client of the configured namespace (or of `--address`) for the length of `fn`. */
async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const address = opt('address') ?? config.temporal.address ?? `${config.embedded.ip}:${config.embedded.grpcPort}`;
  const connection = await Connection.connect(connectionOptions(config, address));
  try {
    return await fn(new Client({ connection, namespace: config.temporal.namespace }));
  } finally {
    await connection.close();
  }
}

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
      ...(opt('email') ? { email: opt('email')! } : {}),
      ...(opt('mobile') ? { mobile: opt('mobile')! } : {}),
      ...(opt('im') ? { imUserId: opt('im')! } : {}),
      ...(opt('notify') ? { notify: opt('notify') as NotifyPreference } : {}),
    });
    console.log(`user ${user.id} saved`);
  } else if (command === 'set-contact') {
    // An empty value removes a contact point: --email ''.
    const user = ids.updateSettings(opt('user') ?? '', {
      email: opt('email'),
      mobile: opt('mobile'),
      imUserId: opt('im'),
      notify: opt('notify') as NotifyPreference | undefined,
    });
    console.log(
      `user ${user.id}: ${[user.email, user.mobile, user.imUserId].filter(Boolean).join(', ') || 'no contact points'}; notices ${user.notify ?? 'immediate'}`,
    );
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
  } else if (command === 'verify') {
    const trail = await trailOf(target!);
    const report = verifyChain(target!, trail);
    const keys = opt('keys')
      ? (JSON.parse(readFileSync(opt('keys')!, 'utf8')) as Record<string, string>)
      : // Revoked keys too: what a key signed before its revocation is still the API's.
        loadPublishedKeys({ dir: keyDir, ...config.commands });
    const signatures = verifySignatures(target!, trail, keys);
    const whole = report.intact && signatures.problems.length === 0;
    console.log(`${target}: ${whole ? '完整' : '不完整'} — ${report.message}；${signatures.message}${report.head ? `\nhead ${report.head}` : ''}`);
    for (const p of signatures.problems.slice(1)) console.log(`  第 ${p.index} 条（${p.at}）：${p.reason}`);
    if (!whole) process.exitCode = 1;
  } else if (command === 'rebuild-read-model') {
    const dataDir = path.resolve(config.embedded.dataDir);
    let sql;
    try {
      sql = await openSql(config.readModel.url ? { kind: 'postgres', url: config.readModel.url } : { kind: 'embedded' }, dataDir);
    } catch (err) {
      if (!(err instanceof ReadModelLocked)) throw err;
      writeFileSync(ReadModelKeeper.requestFile(dataDir), new Date().toISOString());
      console.log('读模型由正在运行的 API 持有：已请求其重建，数秒内开始（API 日志中可见“read model rebuilt from Temporal”）');
    }
    if (sql) {
      const model = await ReadModel.open(sql);
      try {
        const r = await withClient(async (client) => {
          const service = new ProjectService({ client, taskQueue: config.temporal.taskQueue, historyEventLimit: config.historyEventLimit });
          return new ReadModelKeeper(model, service.source(), { log: () => undefined }).rebuild();
        });
        console.log(`读模型已重建：${r.projects} 个项目，删除 ${r.removed} 个 Temporal 中已不存在的项目`);
      } finally {
        await model.close();
      }
    }
  } else if (command === 'archive-ended') {
    const archiveDir = path.resolve(config.embedded.dataDir, 'archive');
    const r = await withClient((client) => sweepEndedProjects({ client, namespace: config.temporal.namespace, archiveDir, log: (line) => console.log(line) }));
    console.log(
      `${r.archived.length} archived, ${r.present} already archived, ${r.notProjects.length} refused at their start (nothing to archive), ${r.failed.length} failed`,
    );
    for (const f of r.failed) console.log(`  ${f.projectId}: ${f.error}`);
    if (r.failed.length) process.exitCode = 1;
  }
} catch (err) {
  const cause = (err as Error).cause as Error | undefined;
  console.error(`${String((err as Error).message)}${cause?.message ? `: ${cause.message}` : ''}`);
  process.exit(1);
}

import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A secret shared by every process on one data folder (e.g. the key that seals list page tokens,
 * so a page handed out by one API process opens on another). Created once with exclusive create,
 * so two processes starting together agree on the one that was written first.
 */
export function sharedSecret(dataDir: string, name: string, bytes = 32): Buffer {
  const file = path.resolve(dataDir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(bytes).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // A reader that comes between another process's create and write sees an empty file: wait for the write.
  for (let i = 0; ; i++) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length === bytes) return key;
    if (i >= 50) throw new Error(`${file} does not hold a ${bytes}-byte key: remove it and start again`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

/**
 * The public half of the command-signing keys, as workers read it: a versioned JSON file in the data
 * folder (mode 0600) that the API (and `npm run admin -- rotate-command-key | revoke-command-key`)
 * writes and workers only read — never a private key (issue 20 item 5; GB/T 22239-2019 等保 2.0 第三级,
 * 安全计算环境「数据保密性」: keys that sign stay with the one process that signs). A key is trusted from `validFrom` until `revokedAt`, judged by the workflow clock of
 * the worker that loads the set.
 */
export interface PublicKeyEntry {
  id: string;
  /** SPKI PEM of the Ed25519 public key. */
  publicKeyPem: string;
  validFrom: string;
  revokedAt?: string;
}

export interface PublicKeySet {
  /** Raised by one on every change, so a reader can tell a newer set from an older one. */
  version: number;
  keys: PublicKeyEntry[];
}

/** The file name of the public key set in the data folder. */
export const PUBLIC_KEY_SET_FILE = 'trusted-command-keys.json';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const isoOk = (s: unknown): s is string => typeof s === 'string' && !Number.isNaN(Date.parse(s));

/** The set in `file`, or undefined when there is none yet; a damaged file is an error naming the field. */
export function readPublicKeySet(file: string): PublicKeySet | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${file}: not JSON (a public key set: { version, keys: [{ id, publicKeyPem, validFrom, revokedAt? }] })`);
  }
  const set = raw as Partial<PublicKeySet>;
  if (typeof set !== 'object' || set === null || !Number.isInteger(set.version) || !Array.isArray(set.keys))
    throw new Error(`${file}: version and keys expected`);
  set.keys.forEach((k, i) => {
    const at = `${file}: keys[${i}]`;
    if (typeof k !== 'object' || k === null) throw new Error(`${at}: an object expected`);
    if (typeof k.id !== 'string' || !ID.test(k.id)) throw new Error(`${at}.id must match ${ID}`);
    if (typeof k.publicKeyPem !== 'string' || !k.publicKeyPem.includes('PUBLIC KEY')) throw new Error(`${at}.publicKeyPem: a public key PEM expected`);
    if (k.publicKeyPem.includes('PRIVATE KEY')) throw new Error(`${at}.publicKeyPem holds a private key: the set is for public keys only`);
    if (!isoOk(k.validFrom)) throw new Error(`${at}.validFrom: an ISO time expected`);
    if (k.revokedAt !== undefined && !isoOk(k.revokedAt)) throw new Error(`${at}.revokedAt: an ISO time expected`);
  });
  return set as PublicKeySet;
}

/** Write the set atomically (a temporary file renamed over it), mode 0600. */
export function writePublicKeySet(file: string, set: PublicKeySet): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(set, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** The keys of the set trusted at `atMs`: valid from then and not revoked by then. */
export function keysTrustedAt(set: PublicKeySet | undefined, atMs: number): PublicKeyEntry[] {
  return (set?.keys ?? []).filter((k) => Date.parse(k.validFrom) <= atMs && (k.revokedAt === undefined || Date.parse(k.revokedAt) > atMs));
}

/** The next time after `atMs` at which the trusted keys change (a key becomes valid or is revoked), if any. */
export function nextKeyChange(set: PublicKeySet | undefined, atMs: number): number | undefined {
  const times = (set?.keys ?? []).flatMap((k) => [Date.parse(k.validFrom), ...(k.revokedAt ? [Date.parse(k.revokedAt)] : [])]).filter((t) => t > atMs);
  return times.length ? Math.min(...times) : undefined;
}

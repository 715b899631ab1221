/**
 * The API's command-signing keys: Ed25519, each with an id so keys can rotate. The private key
 * stays with the API (a PEM file, mode 0600); workers are configured with the public keys only.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  bodyHash,
  commandEnvelope,
  reminderEnvelope,
  startEnvelope,
  type CommandSignature,
  type SignedAction,
  type SignedReminder,
  type TrustedKeys,
} from '../machines/policy.js';

/** A signing key's id: letters, digits, - and _. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Signs commands for the workflow's update validator (machines/policy.ts verifyCommand). */
export class CommandSigner {
  constructor(
    readonly keyId: string,
    private readonly privateKey: KeyObject,
    /** The signing time; time-skipping tests pass the test server's clock. */
    private readonly now: () => number | Promise<number> = Date.now,
  ) {
    if (!KEY_ID.test(keyId)) throw new Error(`command key id '${keyId}' must match ${KEY_ID}`);
  }

  /** The raw public key, hex, as workers are configured with it. */
  get publicKey(): string {
    return publicKeyHex(this.privateKey);
  }

  /** The action with its body hash and the API's signature over project, task, action, identity, payload, key and time. */
  async sign(projectId: string, act: SignedAction): Promise<SignedAction> {
    const issuedAt = new Date(await this.now()).toISOString();
    const withHash = { ...act, bodyHash: bodyHash(act) };
    const signature = sign(null, commandEnvelope(projectId, withHash, this.keyId, issuedAt), this.privateKey).toString('hex');
    return { ...withHash, command: { keyId: this.keyId, issuedAt, signature } };
  }

  /** A supervisor's 催办 with the API's signature over project, task, supervisor, request id, key and time. */
  async signReminder(projectId: string, reminder: SignedReminder): Promise<SignedReminder> {
    const issuedAt = new Date(await this.now()).toISOString();
    const { command: _, ...plain } = reminder;
    const signature = sign(null, reminderEnvelope(projectId, plain, this.keyId, issuedAt), this.privateKey).toString('hex');
    return { ...plain, command: { keyId: this.keyId, issuedAt, signature } };
  }

  /**
   * A workflow input with the API's signature over all of it (machines/policy.ts startEnvelope),
   * signed as JSON will carry it to the workflow (so a Date or an undefined field reads the same on both sides).
   */
  async signStart<T extends object>(input: T): Promise<T & { command: CommandSignature }> {
    const issuedAt = new Date(await this.now()).toISOString();
    const { command: _, ...plain } = JSON.parse(JSON.stringify(input)) as T & { command?: CommandSignature };
    const signature = sign(null, startEnvelope(plain, this.keyId, issuedAt), this.privateKey).toString('hex');
    return { ...(plain as T), command: { keyId: this.keyId, issuedAt, signature } };
  }
}

/** The raw 32-byte public key of an Ed25519 key, hex. */
export function publicKeyHex(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return bytesToHex(Buffer.from(String(jwk.x), 'base64url'));
}

/** A new key id, sortable by creation time. */
const newKeyId = (at = new Date()) => `k${at.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${Math.random().toString(16).slice(2, 6)}`;

/** Generate a signing key into `dir` (created with mode 0700; the key file 0600); returns its id. */
export function generateCommandKey(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const id = newKeyId();
  const { privateKey } = generateKeyPairSync('ed25519');
  const file = path.join(dir, `${id}.pem`);
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return id;
}

/**
 * The folder's first key, generated once even when several processes start on a fresh data folder
 * together (workers and API processes of one deployment): an exclusive lock file decides which
 * process generates it; the others wait for it.
 */
function ensureFirstKey(dir: string): void {
  if (keysIn(dir).length > 0) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let mine = false;
  try {
    writeFileSync(path.join(dir, 'first-key.lock'), String(process.pid), { flag: 'wx', mode: 0o600 });
    mine = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (mine) {
    generateCommandKey(dir);
    return;
  }
  // The winner's key file may be read half-written for a moment: count it once it parses.
  const present = () => {
    try {
      return keysIn(dir).length > 0;
    } catch {
      return false;
    }
  };
  for (let i = 0; !present(); i++) {
    if (i >= 250) throw new Error(`no command key appeared in ${dir}: remove first-key.lock there and start again`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

/** The keys in a folder, newest last. */
function keysIn(dir: string): Array<{ id: string; key: KeyObject }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pem') && KEY_ID.test(f.slice(0, -4)))
    .sort()
    .map((f) => ({ id: f.slice(0, -4), key: createPrivateKey(readFileSync(path.join(dir, f))) }));
}

/** Where the keys come from: an explicit key for production, otherwise the data folder's. */
export interface CommandKeyOptions {
  /** Folder of generated keys (`<dataDir>/command-keys`). */
  dir: string;
  /** The API's key, as configured for production. */
  signingKey?: { id: string; file: string };
  /** Further public keys workers trust (e.g. the previous key during a rotation), hex by id. */
  trustedKeys?: Record<string, string>;
}

/** The API's signer, generating a first key into the folder when none exists and none is configured. */
export function loadSigner(opts: CommandKeyOptions, now?: () => number | Promise<number>): CommandSigner {
  if (opts.signingKey) return new CommandSigner(opts.signingKey.id, createPrivateKey(readFileSync(opts.signingKey.file)), now);
  ensureFirstKey(opts.dir);
  const keys = keysIn(opts.dir);
  const newest = keys[keys.length - 1]!;
  return new CommandSigner(newest.id, newest.key, now);
}

/** The public keys a worker trusts: the folder's, the configured signing key's, and the configured ones. */
export function loadTrustedKeys(opts: CommandKeyOptions): TrustedKeys {
  // A worker starting beside the API on a fresh data folder must trust the key the API will sign with.
  if (!opts.signingKey) ensureFirstKey(opts.dir);
  const out: Record<string, string> = {};
  for (const { id, key } of keysIn(opts.dir)) out[id] = publicKeyHex(key);
  if (opts.signingKey && existsSync(opts.signingKey.file)) out[opts.signingKey.id] = publicKeyHex(createPrivateKey(readFileSync(opts.signingKey.file)));
  return { ...out, ...opts.trustedKeys };
}

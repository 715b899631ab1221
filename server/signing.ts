/**
 * The API's command-signing keys: Ed25519, each with an id so keys can rotate. The private key
 * stays with the API (a PEM file, mode 0600, encrypted when SIGNING_KEY_PASSPHRASE is set); the API
 * publishes the public keys to the data folder's public key set (runtime/keys.ts), and workers read
 * only that set (or configured public keys), never a private key, and never generate a key.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
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
import { keysTrustedAt, PUBLIC_KEY_SET_FILE, readPublicKeySet, writePublicKeySet, type PublicKeySet } from '../runtime/keys.js';

/** A signing key's id: letters, digits, - and _. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Signs commands for the workflow's update validator (machines/policy.ts verifyCommand). */
export class CommandSigner {
  private current: { keyId: string; privateKey: KeyObject };

  constructor(
    keyId: string,
    privateKey: KeyObject,
    /** The signing time; time-skipping tests pass the test server's clock. */
    private readonly now: () => number | Promise<number> = Date.now,
  ) {
    if (!KEY_ID.test(keyId)) throw new Error(`command key id '${keyId}' must match ${KEY_ID}`);
    this.current = { keyId, privateKey };
  }

  /** The id of the key that signs now. */
  get keyId(): string {
    return this.current.keyId;
  }

  private get privateKey(): KeyObject {
    return this.current.privateKey;
  }

  /**
   * Sign with another key from now on (a rotation or a revocation taken up while running, see
   * followSigner). Called between signatures only: everything after a signature's clock read is synchronous.
   */
  use(keyId: string, privateKey: KeyObject): void {
    if (!KEY_ID.test(keyId)) throw new Error(`command key id '${keyId}' must match ${KEY_ID}`);
    this.current = { keyId, privateKey };
  }

  /** Sign with the key another signer holds from now on. */
  adopt(other: CommandSigner): void {
    this.current = other.current;
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
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519') throw new Error(`command keys are Ed25519, not ${String(jwk.crv ?? jwk.kty)}`);
  return bytesToHex(Buffer.from(String(jwk.x), 'base64url'));
}

/** The environment variable whose value encrypts private command keys at rest (PKCS#8, AES-256-CBC). */
export const PASSPHRASE_ENV = 'SIGNING_KEY_PASSPHRASE';

const passphraseFromEnv = (): string | undefined => process.env[PASSPHRASE_ENV] || undefined;

/**
 * A private key file, decrypted with the passphrase when it is encrypted. A clear error names the
 * file and the variable when the passphrase is missing or wrong.
 */
export function readPrivateKey(file: string, passphrase: string | undefined = passphraseFromEnv()): KeyObject {
  const pem = readFileSync(file, 'utf8');
  const encrypted = pem.includes('ENCRYPTED PRIVATE KEY');
  if (encrypted && !passphrase) throw new Error(`command key ${file} is encrypted: set ${PASSPHRASE_ENV} to its passphrase`);
  try {
    return createPrivateKey(encrypted ? { key: pem, format: 'pem', passphrase: passphrase! } : pem);
  } catch (err) {
    if (encrypted) throw new Error(`command key ${file} does not open with ${PASSPHRASE_ENV}: wrong passphrase`);
    throw new Error(`command key ${file} is not a private key PEM: ${(err as Error).message}`);
  }
}

/**
 * A new key id, sortable by creation time to the millisecond (two keys made in one second sort in
 * order; an older id, to the second, sorts before every newer one of its second).
 */
const newKeyId = (at = new Date()) => `k${at.toISOString().replace(/[-:.]/g, '').slice(0, 18)}-${Math.random().toString(16).slice(2, 6)}`;

/** The public key set beside a key folder (`<dataDir>/trusted-command-keys.json` for `<dataDir>/command-keys`). */
export const publicKeySetFile = (dir: string): string => path.join(path.dirname(path.resolve(dir)), PUBLIC_KEY_SET_FILE);

/**
 * Generate a signing key into `dir` (created with mode 0700; the key file 0600, encrypted with the
 * passphrase when one is given or set in SIGNING_KEY_PASSPHRASE) and publish its public key to the
 * set workers read; returns its id.
 */
export function generateCommandKey(dir: string, passphrase: string | undefined = passphraseFromEnv()): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const id = newKeyId();
  const { privateKey } = generateKeyPairSync('ed25519');
  const file = path.join(dir, `${id}.pem`);
  const pem = passphrase
    ? privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase })
    : privateKey.export({ format: 'pem', type: 'pkcs8' });
  writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  publishPublicKeys(publicKeySetFile(dir), [{ id, key: privateKey }]);
  return id;
}

/**
 * The folder's first key, generated once even when several processes start on a fresh data folder
 * together (API processes of one deployment): an exclusive lock file decides which process
 * generates it; the others wait for it.
 */
function ensureFirstKey(dir: string, passphrase: string | undefined): void {
  if (keyFiles(dir).length > 0) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let mine = false;
  try {
    writeFileSync(path.join(dir, 'first-key.lock'), String(process.pid), { flag: 'wx', mode: 0o600 });
    mine = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (mine) {
    generateCommandKey(dir, passphrase);
    return;
  }
  // The winner's key file may be read half-written for a moment: count it once it parses.
  const present = () => {
    try {
      return keysIn(dir, passphrase).length > 0;
    } catch {
      return false;
    }
  };
  for (let i = 0; !present(); i++) {
    if (i >= 250) throw new Error(`no command key appeared in ${dir}: remove first-key.lock there and start again`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

const keyFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.pem') && KEY_ID.test(f.slice(0, -4)))
        .sort()
    : [];

/** The private keys in a folder, newest last (the API's side only). */
function keysIn(dir: string, passphrase: string | undefined): Array<{ id: string; key: KeyObject }> {
  return keyFiles(dir).map((f) => ({ id: f.slice(0, -4), key: readPrivateKey(path.join(dir, f), passphrase) }));
}

/**
 * Add these keys' public halves to the set (keeping each listed key's validity and revocation) and
 * write it when it changed. Returns the set as written.
 */
export function publishPublicKeys(file: string, keys: Array<{ id: string; key: KeyObject }>, at = new Date()): PublicKeySet {
  const set = readPublicKeySet(file) ?? { version: 0, keys: [] };
  let changed = false;
  const entries = [...set.keys];
  for (const { id, key } of keys) {
    const publicKeyPem = String(createPublicKey(key).export({ format: 'pem', type: 'spki' }));
    const known = entries.findIndex((e) => e.id === id);
    if (known >= 0 && entries[known]!.publicKeyPem === publicKeyPem) continue;
    if (known >= 0) throw new Error(`${file}: key ${id} is listed with another public key; a key id is never reused`);
    entries.push({ id, publicKeyPem, validFrom: at.toISOString() });
    changed = true;
  }
  if (!changed) return set;
  const next = { version: set.version + 1, keys: entries };
  writePublicKeySet(file, next);
  return next;
}

/**
 * Revoke a key in the public key set from `at` on: workers refuse commands it signs once they reload
 * the set (within a second, without a restart), and the API no longer signs with it.
 */
export function revokeCommandKey(dir: string, id: string, at = new Date()): PublicKeySet {
  const file = publicKeySetFile(dir);
  const set = readPublicKeySet(file);
  const entry = set?.keys.find((k) => k.id === id);
  if (!set || !entry) throw new Error(`no command key ${id} in ${file}`);
  if (entry.revokedAt) return set;
  const next = { version: set.version + 1, keys: set.keys.map((k) => (k.id === id ? { ...k, revokedAt: at.toISOString() } : k)) };
  writePublicKeySet(file, next);
  return next;
}

/** Where the keys come from: an explicit key for production, otherwise the data folder's. */
export interface CommandKeyOptions {
  /** Folder of generated keys (`<dataDir>/command-keys`); the public key set lies beside it. */
  dir: string;
  /** The API's key, as configured for production. */
  signingKey?: { id: string; file: string };
  /** Further public keys workers trust (e.g. the previous key during a rotation), hex by id. */
  trustedKeys?: Record<string, string>;
  /** The passphrase of encrypted private keys (default: SIGNING_KEY_PASSPHRASE). */
  passphrase?: string;
  /** How long a new key is published before the API signs with it (default KEY_ADOPTION_MS). */
  adoptionMs?: number;
}

/**
 * A rotated key signs only once it has been in the public key set this long, so every worker has
 * read it first (they poll the set every 500 ms and take a new set up in about a second): a start
 * signed with a key no worker trusts yet would be refused, and its submission lost.
 */
export const KEY_ADOPTION_MS = 15_000;

/**
 * The API's signer: the configured key, or the folder's newest key that is not revoked, generating a
 * first key into the folder when none exists. Its public key is published to the set workers read.
 */
export function loadSigner(opts: CommandKeyOptions, now?: () => number | Promise<number>): CommandSigner {
  const passphrase = opts.passphrase ?? passphraseFromEnv();
  const setFile = publicKeySetFile(opts.dir);
  if (opts.signingKey) {
    const key = readPrivateKey(opts.signingKey.file, passphrase);
    publishPublicKeys(setFile, [{ id: opts.signingKey.id, key }]);
    return new CommandSigner(opts.signingKey.id, key, now);
  }
  ensureFirstKey(opts.dir, passphrase);
  const keys = keysIn(opts.dir, passphrase);
  const set = publishPublicKeys(setFile, keys);
  const revoked = new Set(set.keys.filter((k) => k.revokedAt !== undefined).map((k) => k.id));
  const usable = keys.filter((k) => !revoked.has(k.id));
  const published = new Map(set.keys.map((k) => [k.id, Date.parse(k.validFrom)]));
  const settled = (k: { id: string }) => (published.get(k.id) ?? 0) <= Date.now() - (opts.adoptionMs ?? KEY_ADOPTION_MS);
  // The newest key workers have had time to read; when none has (a first start, a rotation soon after it), the oldest usable one.
  const newest = [...usable].reverse().find(settled) ?? usable[0];
  if (!newest) throw new Error(`every command key in ${opts.dir} is revoked: create one with npm run admin -- rotate-command-key`);
  return new CommandSigner(newest.id, newest.key, now);
}

/**
 * The API's signer, following the data folder while it runs: after `rotate-command-key` it signs with
 * the newest key, after `revoke-command-key` with the newest key not revoked, within a second and
 * without a restart (a configured `signingKey` is fixed). `stop` ends the watch.
 */
export function followSigner(opts: CommandKeyOptions, now?: () => number | Promise<number>, log: (line: string) => void = (l) => console.warn(l)) {
  const signer = loadSigner(opts, now);
  if (opts.signingKey) return { signer, stop: () => undefined };
  const files = [publicKeySetFile(opts.dir), opts.dir];
  const check = () => {
    try {
      const next = loadSigner(opts, now);
      if (next.keyId !== signer.keyId) {
        signer.adopt(next);
        log(`API: signs commands with key ${next.keyId} from now on`);
      }
    } catch (err) {
      log(`API: keeps signing with key ${signer.keyId}: ${(err as Error).message}`);
    }
  };
  for (const f of files) watchFile(f, { interval: 500, persistent: false }, check);
  // A rotated key is taken up once it has been published KEY_ADOPTION_MS, without another change to the files.
  const timer = setInterval(check, Math.min(2_000, Math.max(100, opts.adoptionMs ?? KEY_ADOPTION_MS)));
  timer.unref();
  return {
    signer,
    stop: () => {
      clearInterval(timer);
      files.forEach((f) => unwatchFile(f, check));
    },
  };
}

/**
 * Every public key the data folder's set ever listed (revoked ones too) and the configured ones: for
 * checking signatures in a record after the fact (`npm run admin -- verify`), where an action signed
 * before its key was revoked is still the API's.
 */
export function loadPublishedKeys(opts: Pick<CommandKeyOptions, 'dir' | 'trustedKeys'>): TrustedKeys {
  const out: Record<string, string> = {};
  for (const k of readPublicKeySet(publicKeySetFile(opts.dir))?.keys ?? []) out[k.id] = publicKeyHex(createPublicKey(k.publicKeyPem));
  return { ...out, ...opts.trustedKeys };
}

/** Why a worker cannot start: it has no key to trust. */
export class NoTrustedKeyError extends Error {}

/**
 * The public keys a worker trusts at `atMs`: the data folder's public key set (valid and not
 * revoked then) and the configured ones. It opens no private key and generates none; with no key
 * to trust it throws NoTrustedKeyError, saying where keys come from.
 */
export function loadTrustedKeys(opts: Pick<CommandKeyOptions, 'dir' | 'trustedKeys'>, atMs = Date.now()): TrustedKeys {
  const file = publicKeySetFile(opts.dir);
  const out: Record<string, string> = {};
  for (const k of keysTrustedAt(readPublicKeySet(file), atMs)) out[k.id] = publicKeyHex(createPublicKey(k.publicKeyPem));
  const all = { ...out, ...opts.trustedKeys };
  if (Object.keys(all).length === 0)
    throw new NoTrustedKeyError(
      `no trusted command key: ${file} lists none valid now and commands.trustedKeys is empty. Start the API once on this data folder (it publishes its public key there), or configure commands.trustedKeys with npm run admin -- list-command-keys`,
    );
  return all;
}

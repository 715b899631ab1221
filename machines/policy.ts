/**
 * Who may act, as the API and the workflow both decide it: signed commands and idempotency keys.
 *
 * Anyone with access to the Temporal namespace can send an update, and Temporal authenticates no
 * person. So the API signs each command with its Ed25519 private key, and the workflow's update
 * validator verifies the signature against public keys the worker was configured with (see
 * workflows/trust.ts). Pure: no Node built-ins, no clock, no I/O; used by the API and in the workflow.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ActionRequest, Identity, Refusal } from './inspect.js';

/** JSON with object keys sorted at every level and `undefined` left out: the bytes both sides hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 of a string's UTF-8 bytes, as hex. */
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/** The hash of what an action asks: task, action, comment and payload. An idempotency key remembers it. */
export function bodyHash(req: Pick<ActionRequest, 'task' | 'action' | 'comment' | 'data'>): string {
  return sha256Hex(canonicalJson({ task: req.task, action: req.action, comment: req.comment, data: req.data }));
}

/** The signature on a command and what it needs besides the command itself. */
export interface CommandSignature {
  /** Id of the signing key; the worker trusts a set of ids (keys rotate). */
  keyId: string;
  /** When the API signed, ISO 8601. */
  issuedAt: string;
  /** Ed25519 signature of the envelope, hex. */
  signature: string;
}

/** An action as the workflow receives it: the request, its idempotency key and body hash, and the API's signature. */
export interface SignedAction extends ActionRequest {
  /** The idempotency key: the client's Idempotency-Key, or one the API chose. */
  requestId?: string;
  /** bodyHash() of the request, remembered with the key. */
  bodyHash?: string;
  command?: CommandSignature;
}

/** The bytes the API signs: project, task, action, identity, payload hash, request id and time. */
export function commandEnvelope(projectId: string, act: SignedAction, keyId: string, issuedAt: string): Uint8Array {
  return utf8ToBytes(
    canonicalJson({
      v: 1,
      projectId,
      task: act.task,
      action: act.action,
      department: act.department,
      actor: act.actor,
      identity: act.identity,
      payloadHash: bodyHash(act),
      requestId: act.requestId,
      keyId,
      issuedAt,
    }),
  );
}

/** Public keys a worker trusts, by key id: raw 32-byte Ed25519 keys, hex. */
export type TrustedKeys = Readonly<Record<string, string>>;

/** How far a command's signing time may lie from the workflow's clock. */
export const COMMAND_MAX_SKEW_MS = 10 * 60_000;

const refusal = (rule: string, message: string): Refusal => ({ kind: 'forbidden', message, issues: [{ field: 'command', rule, message }] });

const hex = (s: string, bytes: number): Uint8Array | undefined => (new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(s) ? hexToBytes(s) : undefined);

/**
 * Why a command is not the API's, or undefined when it is: a trusted key signed exactly this
 * action for this project within COMMAND_MAX_SKEW_MS of `nowMs`.
 */
export function verifyCommand(projectId: string, act: SignedAction, nowMs: number, keys: TrustedKeys): Refusal | undefined {
  const c = act.command;
  if (!c || typeof c.keyId !== 'string' || typeof c.signature !== 'string' || typeof c.issuedAt !== 'string') return refusal('unsigned', '命令未经签名：只接受经由 API 提交的办理命令');
  if (!act.identity) return refusal('unsigned', '缺少身份凭证');
  if (act.bodyHash !== undefined && act.bodyHash !== bodyHash(act)) return refusal('body_hash', '命令内容与其摘要不符');
  const key = Object.hasOwn(keys, c.keyId) ? hex(keys[c.keyId]!, 32) : undefined;
  if (!key) return refusal('unknown_key', `签名密钥 ${c.keyId.slice(0, 40)} 不受信任`);
  const signature = hex(c.signature, 64);
  const issued = Date.parse(c.issuedAt);
  if (!signature || Number.isNaN(issued)) return refusal('bad_signature', '命令签名无效');
  let valid = false;
  try {
    valid = ed25519.verify(signature, commandEnvelope(projectId, act, c.keyId, c.issuedAt), key, { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) return refusal('bad_signature', '命令签名无效');
  if (Math.abs(nowMs - issued) > COMMAND_MAX_SKEW_MS) return refusal('stale', '命令已过期，请重新提交');
  return undefined;
}

/** An action already applied under an idempotency key, as remembered in the project's history. */
export interface KeyUse {
  requestId?: string;
  userId?: string;
  department?: string;
  bodyHash?: string;
}

/**
 * What an idempotency key means for a new action: 'new' (never used by this user), 'repeat'
 * (same user, same body: answer the original result) or 'reused' (same user, another body).
 * A key belongs to (project, user): another user's use of the same key is not seen here.
 */
export function keyUse(history: readonly KeyUse[], act: SignedAction): 'new' | 'repeat' | 'reused' {
  if (act.requestId === undefined) return 'new';
  const userId = act.identity?.userId;
  // Entries from before identities carried no user: the department stood for it.
  const used = history.find((h) => h.requestId === act.requestId && (h.userId === undefined ? h.department === act.department : h.userId === userId));
  if (!used) return 'new';
  if (used.bodyHash === undefined || act.bodyHash === undefined || used.bodyHash === act.bodyHash) return 'repeat';
  return 'reused';
}

/** The refusal for a key used before with another body. */
export const keyReused = (): Refusal => ({
  kind: 'reused',
  message: '该 Idempotency-Key 已用于另一项办理，请使用新的键',
  issues: [{ field: 'header.Idempotency-Key', rule: 'idempotency_key_reused', message: '该键已用于内容不同的请求' }],
});

/** The identity a user's credential carries into a command. */
export type { Identity };

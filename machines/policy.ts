/**
 * Who may act, as the API and the workflow both decide it: the task open and awaiting the acting
 * department, the credential's identity, the chart's rules, signed commands and idempotency keys.
 *
 * Anyone with access to the Temporal namespace can send an update, and Temporal authenticates no
 * person. So the API signs each command with its Ed25519 private key, and the workflow's update
 * validator verifies the signature against public keys the worker was configured with (see
 * workflows/trust.ts). Pure: no Node built-ins, no clock, no I/O; used by the API and in the workflow.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AnyMachineSnapshot } from 'xstate';
import type { JurisdictionDefinition } from './shared/definition.js';
import type { Refusal } from './shared/errors.js';
import type { TaskEvent } from './shared/events.js';
import { APPLYING_DEPARTMENTS, taskEvent, type TaskAction } from './shared/meta.js';
import { verifyEd25519 } from './shared/ed25519.js';
import { explainRefusal, listensFor } from './shared/rules.js';
import { summarize, type StateSummary } from './status.js';

/** Who acts, as their credential says (never as a request body says). */
export interface Identity {
  userId: string;
  jurisdiction: string;
  department: string;
  roles: string[];
  /** The applying unit, for applicants. */
  unit?: string;
}

/** A person's request to act on a task. */
export interface ActionRequest {
  task: string;
  action: TaskAction;
  department: string;
  actor: string;
  comment?: string;
  data?: unknown;
  /** The credential's identity; the workflow requires it, pure chart checks may leave it out. */
  identity?: Identity;
}

/** Why an identity may not take this task, or undefined when it may. */
function identityRefusal(def: JurisdictionDefinition, snapshot: AnyMachineSnapshot, req: ActionRequest, assignee: string): Refusal | undefined {
  const id = req.identity;
  if (!id) return undefined;
  const forbid = (message: string): Refusal => ({ kind: 'forbidden', message, issues: [{ field: 'identity', rule: 'forbidden', message }] });
  if (id.department !== req.department) return forbid('办理部门须与身份凭证一致');
  if (id.jurisdiction !== def.id) return forbid(`身份凭证不属于${def.name}`);
  const role = APPLYING_DEPARTMENTS.includes(assignee) ? 'applicant' : 'reviewer';
  if (!id.roles.includes(role)) return forbid(role === 'applicant' ? '只有申报单位可以办理该事项' : '只有审核部门的审核人员可以办理该事项');
  if (assignee === 'applicant') {
    const unit = (snapshot.context as { application?: { applicantUnit?: string } }).application?.applicantUnit;
    if (id.unit !== unit) return forbid('只能办理本单位的项目');
  }
  return undefined;
}

/** The awaited tasks and offers open for this action now. */
const openFor = (summary: StateSummary, req: Pick<ActionRequest, 'task' | 'action'>) =>
  [...summary.tasks, ...summary.offers].filter((t) => t.id === req.task && t.actions.includes(req.action));

/** 409 when the task is not open for this action now, whatever the payload; undefined when it is. */
export function notOpen(snapshot: AnyMachineSnapshot, req: Pick<ActionRequest, 'task' | 'action'>): Refusal | undefined {
  const summary = summarize(snapshot);
  if (openFor(summary, req).length > 0) return undefined;
  return {
    kind: 'conflict',
    message: `现在不能对“${req.task}”执行“${req.action}”（项目状态：${summary.status}）`,
    issues: [{ field: 'task', rule: 'not_open', message: '该事项当前不可办理' }],
  };
}

/**
 * Check a request against the chart in its current state: the task is open, the department is
 * the one awaited, the identity may take it, and the chart's rules allow it. Returns the event to
 * send, or why not. The payload's shape is checked where the request arrives (machines/intake.ts,
 * the API) and by the workflow (machines/payload-check.ts); here it must at least be an object.
 * The chart's rules run once: the guard's verdicts explain a refusal (machines/shared/rules.ts).
 */
export function checkAction(def: JurisdictionDefinition, snapshot: AnyMachineSnapshot, req: ActionRequest, at: string): TaskEvent | Refusal {
  const closed = notOpen(snapshot, req);
  if (closed) return closed;
  const candidates = openFor(summarize(snapshot), req);
  const assigned = candidates.find((t) => t.assignee === req.department);
  if (!assigned) {
    const names = candidates.map((t) => def.departments[t.assignee]?.name ?? t.assignee).join('、');
    return {
      kind: 'forbidden',
      message: `该事项由${names}办理`,
      issues: [{ field: 'department', rule: 'not_assignee', message: `该事项由${names}办理`, article: candidates[0]!.article }],
    };
  }
  const refused = identityRefusal(def, snapshot, req, assigned.assignee);
  if (refused) return refused;
  const data = req.data ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { kind: 'invalid', message: '提交的数据应为对象', issues: [{ field: 'data', rule: 'invalid_type', message: '提交的数据应为对象' }] };
  }
  const event: TaskEvent = {
    type: taskEvent(req.task, req.action),
    department: req.department,
    actor: req.actor,
    ...(req.comment ? { comment: req.comment } : {}),
    data: data as Record<string, unknown>,
    at,
  };
  // `can` is XState's documented answer to "would this event be taken?"
  if (snapshot.can(event)) return event;
  const violations = explainRefusal(snapshot, event, def.rules);
  if (violations.length > 0) {
    return {
      kind: 'invalid',
      message: violations.map((v) => `${v.message}（${v.article}）`).join('；'),
      issues: violations.map((v) => ({ field: v.field, rule: v.rule, message: v.message, article: v.article })),
    };
  }
  return {
    kind: 'conflict',
    message: listensFor(snapshot, event.type) ? '当前状态不满足办理条件' : '该事项当前不可办理',
    issues: [{ field: 'task', rule: 'not_possible', message: '当前状态不满足办理条件', article: assigned.article }],
  };
}

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
 * Why a signature is not the API's over the envelope it names, or undefined when it is: a trusted
 * key signed it within COMMAND_MAX_SKEW_MS of `nowMs`. Given `reappliedSince` (the workflow time of
 * a reset point, while Temporal redelivers the updates it reapplied after it: workflows/reset.ts), a
 * signature from before the window counts as it did when first accepted, after that point: it may be
 * as old as the window before the reset point, never older, never from the future.
 */
function signatureRefusal(
  c: CommandSignature | undefined,
  envelope: (keyId: string, issuedAt: string) => Uint8Array,
  nowMs: number,
  keys: TrustedKeys,
  reappliedSince?: number,
): Refusal | undefined {
  if (!c || typeof c !== 'object' || typeof c.keyId !== 'string' || typeof c.signature !== 'string' || typeof c.issuedAt !== 'string')
    return refusal('unsigned', '命令未经签名：只接受经由 API 提交的命令');
  const key = Object.hasOwn(keys, c.keyId) ? hex(keys[c.keyId]!, 32) : undefined;
  if (!key) return refusal('unknown_key', `签名密钥 ${c.keyId.slice(0, 40)} 不受信任`);
  const signature = hex(c.signature, 64);
  const issued = Date.parse(c.issuedAt);
  if (!signature || Number.isNaN(issued)) return refusal('bad_signature', '命令签名无效');
  if (!verifyEd25519(signature, envelope(c.keyId, c.issuedAt), key)) return refusal('bad_signature', '命令签名无效');
  if (issued - nowMs > COMMAND_MAX_SKEW_MS) return refusal('stale', '命令已过期，请重新提交');
  const oldest = (reappliedSince === undefined ? nowMs : Math.min(nowMs, reappliedSince)) - COMMAND_MAX_SKEW_MS;
  if (issued < oldest) return refusal('stale', '命令已过期，请重新提交');
  return undefined;
}

/**
 * Why a command is not the API's, or undefined when it is: a trusted key signed exactly this
 * action for this project within COMMAND_MAX_SKEW_MS of `nowMs` (or, for a reset's reapplied
 * updates, of `reappliedSince`: signatureRefusal above).
 */
export function verifyCommand(projectId: string, act: SignedAction, nowMs: number, keys: TrustedKeys, reappliedSince?: number): Refusal | undefined {
  if (!act.command) return refusal('unsigned', '命令未经签名：只接受经由 API 提交的办理命令');
  if (!act.identity) return refusal('unsigned', '缺少身份凭证');
  if (act.bodyHash !== undefined && act.bodyHash !== bodyHash(act)) return refusal('body_hash', '命令内容与其摘要不符');
  return signatureRefusal(act.command, (keyId, issuedAt) => commandEnvelope(projectId, act, keyId, issuedAt), nowMs, keys, reappliedSince);
}

/** A supervisor's 催办 as the workflow receives it, signed by the API like an action (issue 20 item 1). */
export interface SignedReminder {
  task: string;
  by: { userId: string; name: string; department: string; jurisdiction: string; roles: string[] };
  requestId?: string;
  command?: CommandSignature;
}

/** The bytes the API signs for a 催办: project, task, the supervisor as the credential says, request id and time. */
export function reminderEnvelope(projectId: string, r: SignedReminder, keyId: string, issuedAt: string): Uint8Array {
  return utf8ToBytes(canonicalJson({ v: 1, kind: 'remind', projectId, task: r.task, by: r.by, requestId: r.requestId, keyId, issuedAt }));
}

/** Why a 催办 is not the API's, or undefined when it is (as verifyCommand). */
export function verifyReminder(projectId: string, r: SignedReminder, nowMs: number, keys: TrustedKeys, reappliedSince?: number): Refusal | undefined {
  return signatureRefusal(r.command, (keyId, issuedAt) => reminderEnvelope(projectId, r, keyId, issuedAt), nowMs, keys, reappliedSince);
}

/**
 * The bytes the API signs for a project's start: the whole workflow input as JSON carries it,
 * except its own signature and carried state (a start never carries state; only a continue-as-new does).
 */
export function startEnvelope(input: object, keyId: string, issuedAt: string): Uint8Array {
  return utf8ToBytes(canonicalJson({ v: 1, kind: 'start', input: { ...input, command: undefined, carried: undefined }, keyId, issuedAt }));
}

/**
 * Why a start is not the API's, or undefined when it is: a trusted key signed this very input
 * within COMMAND_MAX_SKEW_MS of `startedAtMs`, the time Temporal recorded the start (not the first
 * workflow task's, which a busy worker may run much later). A start cannot be repeated with the
 * same id while the project runs, and a closed one's id replayed later is past the window.
 */
export function verifyStart(input: { command?: CommandSignature }, startedAtMs: number, keys: TrustedKeys): Refusal | undefined {
  return signatureRefusal(input.command, (keyId, issuedAt) => startEnvelope(input, keyId, issuedAt), startedAtMs, keys);
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

/** The rule of the refusal that answers an exact repeat of a command already applied (alreadyApplied). */
export const ALREADY_APPLIED = 'already_applied';

/**
 * The refusal for an exact repeat of a signed command already applied (same user, key and body; a
 * 催办's request id): a validator's refusal writes nothing into the history, where accepting the
 * repeat wrote five events for nothing (issue 20 item 7). The API answers it with the project's
 * view, as it answered the command the first time (server/projects.ts).
 */
export const alreadyApplied = (): Refusal => ({
  kind: 'conflict',
  message: '该办理已生效，未重复记录',
  issues: [{ field: 'header.Idempotency-Key', rule: ALREADY_APPLIED, message: '同一请求已办理' }],
});

/** Whether a refusal only says the command was applied before. */
export const isAlreadyApplied = (r: Refusal | undefined): boolean => r?.kind === 'conflict' && r.issues[0]?.rule === ALREADY_APPLIED;

/** The refusal for a key used before with another body. */
export const keyReused = (): Refusal => ({
  kind: 'reused',
  message: '该 Idempotency-Key 已用于另一项办理，请使用新的键',
  issues: [{ field: 'header.Idempotency-Key', rule: 'idempotency_key_reused', message: '该键已用于内容不同的请求' }],
});

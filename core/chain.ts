/**
 * The hash chain over a project's audit trail, which makes a rewritten, removed, inserted or
 * reordered entry evident (等保 2.0 三级 8.1.4.3 安全审计 c: 审计记录应受到保护，避免受到未预期的删除、
 * 修改或覆盖; 网络安全法 第二十一条). Pure: the workflow sandbox has no node:crypto, so the hash is
 * @noble/hashes' SHA-256 (machines/policy.ts sha256Hex) over the canonical JSON the API and the
 * workflow share. core/host.ts append links each entry; verifyChain checks a trail wherever it is.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import type { HistoryEntry } from '../contracts/messages.js';
import { bodyHash, canonicalJson, commandEnvelope, sha256Hex, type SignedAction, type TrustedKeys } from '../machines/policy.js';
import { verifyEd25519 } from '../machines/shared/ed25519.js';

/** The chain's version: the patch that began it (workflows/project.ts AUDIT_CHAIN, docs/compatibility.md "Audit entries without a hash"). */
export const AUDIT_CHAIN_VERSION = 'audit-chain-v1';

/** What the first entry of a chain links to: bound to its project, so a chain cannot be moved to another. */
export const chainGenesis = (projectId: string): string => sha256Hex(canonicalJson({ chain: AUDIT_CHAIN_VERSION, projectId }));

/** An entry's hash: SHA-256 of the previous entry's hash ‖ the entry's canonical JSON without its own hash. */
export function entryHash(prev: string, entry: HistoryEntry): string {
  const { hash: _hash, ...rest } = entry;
  return sha256Hex(prev + canonicalJson(rest));
}

/** Where a chain breaks: the entry (1-based, as the page says 第 N 条), its time and who it names. */
export interface ChainBreak {
  index: number;
  seq?: number;
  at?: string;
  actor?: string;
  reason: string;
}

/** A project's chain as verified. */
export interface ChainReport {
  intact: boolean;
  entries: number;
  /** Leading entries recorded before the chain began (no hash), which verification cannot vouch for. */
  beforeChain: number;
  /** The last entry's hash: what an archive or an operator can note to anchor the trail. */
  head?: string;
  break?: ChainBreak;
  /** In Chinese: 完整, or where and why it breaks. */
  message: string;
}

/**
 * Verify a project's audit trail: numbered 1, 2, … without a gap; every entry from the first hashed
 * one on carries a hash linking it to the one before (the first to the project's genesis); entries
 * before it are older than the chain. A removed, inserted, reordered or altered entry breaks it there.
 */
export function verifyChain(projectId: string, entries: readonly HistoryEntry[]): ChainReport {
  let prev: string | undefined;
  let beforeChain = 0;
  const broken = (i: number, reason: string): ChainReport => {
    const e = entries[i]!;
    const who = e.actor ?? e.department;
    return {
      intact: false,
      entries: entries.length,
      beforeChain,
      break: { index: i + 1, seq: e.seq, at: e.at, ...(who ? { actor: who } : {}), reason },
      message: `审计链在第 ${i + 1} 条断开（${e.at ?? '时间不明'}${who ? `，${who}` : ''}）：${reason}`,
    };
  };
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e || typeof e !== 'object')
      return {
        intact: false,
        entries: entries.length,
        beforeChain,
        break: { index: i + 1, reason: '条目不是对象' },
        message: `审计链在第 ${i + 1} 条断开：条目不是对象`,
      };
    if (e.seq !== i + 1) return broken(i, `编号应为 ${i + 1}，实为 ${String(e.seq)}（条目被删除、插入或重排）`);
    if (typeof e.hash !== 'string') {
      if (prev === undefined) {
        beforeChain++;
        continue;
      }
      return broken(i, '缺少哈希');
    }
    const expected = entryHash(prev ?? chainGenesis(projectId), e);
    if (e.hash !== expected) return broken(i, '哈希不符（本条或此前的条目被改动）');
    prev = e.hash;
  }
  const head = prev;
  const older = beforeChain > 0 ? `；前 ${beforeChain} 条本条目早于哈希链（版本 ${AUDIT_CHAIN_VERSION} 之前）` : '';
  return {
    intact: true,
    entries: entries.length,
    beforeChain,
    ...(head ? { head } : {}),
    message:
      head === undefined && entries.length > 0
        ? `本项目的条目早于哈希链（版本 ${AUDIT_CHAIN_VERSION} 之前），无法校验`
        : `审计链完整（${entries.length} 条）${older}`,
  };
}

/** An action entry whose signature does not hold, or cannot be checked. */
export interface SignatureProblem {
  index: number;
  seq: number;
  at: string;
  actor?: string;
  rule: 'altered' | 'bad_signature' | 'unknown_key';
  reason: string;
}

/** Every signed action of a trail checked against the API's public keys. */
export interface SignatureReport {
  /** Action entries whose signature holds. */
  valid: number;
  /** Action entries with no signature or identity recorded (before entries carried them), which cannot be checked. */
  unsigned: number;
  problems: SignatureProblem[];
  message: string;
}

const hexOf = (s: unknown, bytes: number): Uint8Array | undefined =>
  typeof s === 'string' && new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(s) ? hexToBytes(s) : undefined;

/**
 * Check each action entry's signature again, as the workflow checked it when it accepted the
 * command (machines/policy.ts verifyCommand), without its freshness: the same envelope over the
 * project, the entry's task, action, department, actor, identity, payload hash and idempotency key.
 * A chain can be recomputed by whoever rewrites a whole trail; a signature only by the API's private
 * key. So an action rewritten under the same reviewer's name (不予通过 into 通过), its chain hashed
 * anew, is found here. The payload hash is the entry's own (`bodyHash`), and it must be the hash of
 * what the entry says (an empty comment or payload is not recorded, so those readings are tried too).
 */
export function verifySignatures(projectId: string, entries: readonly HistoryEntry[], keys: TrustedKeys): SignatureReport {
  const problems: SignatureProblem[] = [];
  let valid = 0;
  let unsigned = 0;
  entries.forEach((e, i) => {
    if (!e || e.kind !== 'action') return;
    const c = e.command;
    if (!c || !e.identity) return void unsigned++;
    const who = e.actor ?? e.department;
    const problem = (rule: SignatureProblem['rule'], reason: string) =>
      problems.push({ index: i + 1, seq: e.seq, at: e.at, ...(who ? { actor: who } : {}), rule, reason });
    const key = Object.hasOwn(keys, c.keyId) ? hexOf(keys[c.keyId], 32) : undefined;
    if (!key) return void problem('unknown_key', `签名密钥 ${String(c.keyId).slice(0, 40)} 不在受信任的密钥中，无法校验`);
    const base = {
      task: e.task!,
      action: e.action as SignedAction['action'],
      department: e.department!,
      actor: e.actor!,
      identity: e.identity,
      requestId: e.requestId,
    };
    const readings = [e.comment, ...(e.comment === undefined ? [''] : [])].flatMap((comment) =>
      [e.data, ...(e.data === undefined ? [{}] : [])].map((data) => ({
        ...base,
        ...(comment !== undefined ? { comment } : {}),
        ...(data !== undefined ? { data } : {}),
      })),
    );
    const act = e.bodyHash === undefined ? readings[0] : readings.find((r) => bodyHash(r) === e.bodyHash);
    if (!act) return void problem('altered', '办理内容与签名时的摘要不符（条目被改动）');
    const signature = hexOf(c.signature, 64);
    if (!signature || !verifyEd25519(signature, commandEnvelope(projectId, act, c.keyId, c.issuedAt), key))
      return void problem('bad_signature', '签名无效（条目被改动，或并非经由 API 签发）');
    valid++;
  });
  const first = problems[0];
  const message = first
    ? `签名校验在第 ${first.index} 条失败（${first.at}${first.actor ? `，${first.actor}` : ''}）：${first.reason}${problems.length > 1 ? `；共 ${problems.length} 条` : ''}`
    : `签名有效（${valid} 条办理${unsigned ? `；${unsigned} 条未记录签名，早于签名入档` : ''}）`;
  return { valid, unsigned, problems, message };
}

/** Why carried state may not open a project's next run: the rule and, in Chinese, where its record breaks. */
export interface CarriedProblem {
  rule: 'carried_chain' | 'carried_signature';
  message: string;
}

/**
 * Carried state is covered by its own record (issue 20 item 1): a continue-as-new may carry only a
 * trail whose chain holds (when it is chained) and whose actions each verify under the key that
 * signed them, where that key is one this worker trusts. A key no longer trusted (rotated out,
 * revoked) is not a break: what it signed before stays the API's, and a project signed under it
 * must still continue. So a carry that alters, drops, inserts or reorders an entry, or rewrites a
 * signed decision, is refused before the new run records anything.
 */
export function carriedProblem(projectId: string, history: readonly HistoryEntry[], chained: boolean, keys: TrustedKeys): CarriedProblem | undefined {
  if (chained) {
    const chain = verifyChain(projectId, history);
    if (!chain.intact) return { rule: 'carried_chain', message: `续期运行携带的审计记录不完整：${chain.message}` };
  }
  const bad = verifySignatures(projectId, history, keys).problems.find((p) => p.rule !== 'unknown_key');
  if (bad)
    return { rule: 'carried_signature', message: `续期运行携带的审计记录第 ${bad.index} 条（${bad.at}${bad.actor ? `，${bad.actor}` : ''}）：${bad.reason}` };
  return undefined;
}

/**
 * The hash chain over a project's audit trail, which makes a rewritten, removed, inserted or
 * reordered entry evident (等保 2.0 三级 8.1.4.3 安全审计 c: 审计记录应受到保护，避免受到未预期的删除、
 * 修改或覆盖; 网络安全法 第二十一条). Pure: the workflow sandbox has no node:crypto, so the hash is
 * @noble/hashes' SHA-256 (machines/policy.ts sha256Hex) over the canonical JSON the API and the
 * workflow share. core/host.ts append links each entry; verifyChain checks a trail wherever it is.
 */
import type { HistoryEntry } from '../contracts/messages.js';
import { canonicalJson, sha256Hex } from '../machines/policy.js';

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

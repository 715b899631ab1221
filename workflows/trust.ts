import { ApplicationFailure, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { ACTION_REFUSED, type ProjectInput } from '../contracts/messages.js';
import { allSearchAttributes } from '../contracts/search-attributes.js';
import { verifyStart, type TrustedKeys } from '../machines/policy.js';
import type { Refusal } from '../machines/shared/errors.js';
import { carriedProblem } from '../core/chain.js';

// Replaced when the worker bundles its workflows (worker/index.ts): the public keys it was configured with.
declare const __GOV_TRUSTED_COMMAND_KEYS__: TrustedKeys | undefined;

/**
 * Public keys of the API whose signed commands this worker accepts. They come from the worker's
 * configuration at bundle time, never from workflow input or history, so access to the Temporal
 * namespace cannot add a key. A bundle made without keys trusts none (replay needs none: update
 * validators do not run on replay, and a start's signature is checked only when its first task runs live).
 */
export const trustedKeys: TrustedKeys = typeof __GOV_TRUSTED_COMMAND_KEYS__ === 'undefined' ? {} : __GOV_TRUSTED_COMMAND_KEYS__;

/** Marker of a run whose start was refused (docs/compatibility.md, "Unsigned starts"). */
export const START_REFUSED = 'start-refused';
/** Marker of a continued run whose carried record did not verify (docs/compatibility.md, "Carried records checked"). */
export const CARRIED_REFUSED = 'carried-record-refused';
/** Marker of a run started without a signature under code that requires one (docs/compatibility.md, "Unsigned starts"). */
export const SIGNED_STARTS = 'signed-starts';

const refusal = (rule: string, message: string): Refusal => ({ kind: 'forbidden', message, issues: [{ field: 'command', rule, message }] });

/**
 * Only the product creates or continues a project (issue 20 item 1). A first run is accepted only
 * with the API's signature over its input, checked against the time Temporal recorded the start;
 * carried state only on a continue-as-new (`continuedFromExecutionRunId`, which Temporal sets and a
 * client cannot), and then only with a record that verifies (core/chain.ts carriedProblem). A refused start fails the run before anything is recorded or queued: no audit
 * entry, no timer, no notification, and its search attributes are cleared so no list shows it.
 *
 * Deterministic on replay: the signature is checked only when the first task runs live (keys
 * rotate; a key no longer trusted must not break the replay of a project it once started), and the
 * verdict is recorded by a patch marker, START_REFUSED, only when it refuses; runs from before
 * starts were signed replay without one (SIGNED_STARTS is recorded only by an unsigned start now).
 */
export function refuseStart(input: ProjectInput): void {
  const info = workflowInfo();
  let refused: Refusal | undefined;
  if (input?.carried !== undefined) {
    if (!info.continuedFromExecutionRunId) refused = refusal('carried', '只有项目自身的续期运行可以携带状态');
    else if (info.unsafe.isReplaying) {
      if (patched(CARRIED_REFUSED)) refused = refusal('carried_record', '续期运行携带的审计记录未通过校验');
    } else {
      // The carried trail must be the record as it was: its chain whole and its decisions as the API signed them.
      const problem = carriedProblem(input.projectId, input.carried.history ?? [], input.carried.auditChain === 1, trustedKeys);
      if (problem) {
        refused = refusal(problem.rule, problem.message);
        patched(CARRIED_REFUSED);
      }
    }
  } else if (input?.command === undefined) {
    if (patched(SIGNED_STARTS)) refused = refusal('unsigned', '项目未经签名：只接受经由 API 提交的申报');
  } else if (info.unsafe.isReplaying) {
    if (patched(START_REFUSED)) refused = refusal('bad_signature', '项目签名无效');
  } else {
    refused = verifyStart(input, info.startTime.getTime(), trustedKeys);
    if (refused) patched(START_REFUSED);
  }
  if (!refused) return;
  upsertSearchAttributes(allSearchAttributes.map((key) => ({ key, value: null })) as never);
  throw ApplicationFailure.create({ type: ACTION_REFUSED, message: refused.message, details: [refused], nonRetryable: true });
}

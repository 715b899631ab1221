import type { ActInput } from '../contracts/messages.js';
import type { TaskEvent } from '../machines/shared/events.js';
import type { NewEntry } from './host.js';

/** The audit entry of an action: who acted for which department, with what, under which idempotency key and signature. */
export function actionEntry(req: ActInput, event: TaskEvent): NewEntry {
  return {
    kind: 'action',
    message: `${req.task}.${req.action}`,
    task: req.task,
    action: req.action,
    department: req.department,
    actor: req.actor,
    ...(req.identity ? { userId: req.identity.userId } : {}),
    ...(req.comment ? { comment: req.comment } : {}),
    ...(event.data && Object.keys(event.data).length ? { data: event.data } : {}),
    ...(req.requestId ? { requestId: req.requestId } : {}),
    ...(req.bodyHash ? { bodyHash: req.bodyHash } : {}),
    ...(req.command ? { command: { keyId: req.command.keyId, issuedAt: req.command.issuedAt, signature: req.command.signature } } : {}),
    // What the signature covers besides the entry's own fields, so it can be checked again later (core/chain.ts verifySignatures).
    ...(req.command && req.identity ? { identity: req.identity } : {}),
  };
}

/**
 * Former home of the state readers, access checks and error types, kept so existing imports
 * work: the state summary is machines/status.ts, who may act machines/policy.ts, refusals
 * machines/shared/errors.ts. New code imports those.
 */
export { activeDeadlines, activeStates, awaitingTasks, offeredActions, publicStatus, sanctionLevel, type ActiveDeadline, type ActiveTask } from './status.js';
export { checkAction, notOpen, type ActionRequest, type Identity } from './policy.js';
export { isRefusal, type Issue, type Refusal } from './shared/errors.js';

import type { TrustedKeys } from '../machines/policy.js';

// Replaced when the worker bundles its workflows (worker/index.ts): the public keys it was configured with.
declare const __GOV_TRUSTED_COMMAND_KEYS__: TrustedKeys | undefined;

/**
 * Public keys of the API whose signed commands this worker accepts. They come from the worker's
 * configuration at bundle time, never from workflow input or history, so access to the Temporal
 * namespace cannot add a key. A bundle made without keys trusts none (replay needs none: update
 * validators do not run on replay).
 */
export const trustedKeys: TrustedKeys = typeof __GOV_TRUSTED_COMMAND_KEYS__ === 'undefined' ? {} : __GOV_TRUSTED_COMMAND_KEYS__;

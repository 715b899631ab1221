/** Moved to contracts/messages.ts and contracts/view.ts; kept so existing imports work. */
export * from '../contracts/messages.js';

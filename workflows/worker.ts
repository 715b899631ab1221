/** Moved to worker/index.ts (workflows/ holds workflow code only); kept so existing imports work. */
export * from '../worker/index.js';

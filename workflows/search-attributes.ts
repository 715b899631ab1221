/** Moved to contracts/search-attributes.ts; kept so existing imports work. */
export * from '../contracts/search-attributes.js';

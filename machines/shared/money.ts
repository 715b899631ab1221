/**
 * Money as the charts read it. Amounts arrive in yuan with up to two decimals (角 and 分) and are
 * stored as integer 分, `{ fen }`, so they are kept and compared exactly. Projects started before
 * amounts carried 角/分 hold whole yuan as plain numbers; both forms are read here, so those
 * projects decide exactly as they did (their recorded histories still replay).
 */

/** An amount: `{ fen }` (integer 分) or, from older projects, a whole number of yuan. */
export type Amount = number | { fen: number };

/** The amount in 分, exactly; absent counts as nothing. */
export function fen(amount: Amount | undefined | null): number {
  if (amount === undefined || amount === null) return 0;
  return typeof amount === 'number' ? Math.round(amount * 100) : amount.fen;
}

/** Whether a value is an amount in either form. */
export const isAmount = (v: unknown): v is Amount =>
  typeof v === 'number' || (typeof v === 'object' && v !== null && Number.isInteger((v as { fen?: unknown }).fen));

/** A threshold in yuan as 分. */
export const yuanToFen = (yuan: number): number => yuan * 100;

/** An amount for people: yuan with 角/分 where there are any. */
export function formatYuan(amount: Amount): string {
  const f = fen(amount);
  return f % 100 === 0 ? String(f / 100) : (f / 100).toFixed(2);
}

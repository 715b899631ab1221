/**
 * Login-failure handling (等保 2.0 三级 身份鉴别 a/b: “应具有登录失败处理功能，应配置并启用结束会话、
 * 限制非法登录次数和当登录连接超时自动退出等相关措施”): an account named at the sign-in page is
 * locked for a while after repeated failures within a window, whichever address they came from.
 *
 * Counted in this process (a restart or another API process starts from zero): the tokens are 256
 * random bits, so the lock is there to make guessing visible and slow, not to make it impossible.
 */

/** When an account locks, and for how long. */
export interface LockoutPolicy {
  /** Failures within `windowMs` that lock the account (default 5). */
  maxFailures: number;
  windowMs: number;
  /** How long a locked account stays locked (default 15 minutes). */
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Accounts tracked at most: names nobody has are counted too (so a lock says nothing about existence), but not without bound. */
const MAX_TRACKED = 10_000;

interface Entry {
  failures: number[];
  lockedUntil?: number;
}

export class SignInGuard {
  private readonly accounts = new Map<string, Entry>();

  constructor(
    private readonly policy: LockoutPolicy = DEFAULT_LOCKOUT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Until when the account is locked, if it is. */
  lockedUntil(account: string): Date | undefined {
    const e = this.accounts.get(account);
    if (e?.lockedUntil === undefined) return undefined;
    if (e.lockedUntil > this.now()) return new Date(e.lockedUntil);
    this.accounts.delete(account);
    return undefined;
  }

  /** Count a failed sign-in; returns the lock's end when this failure locked the account. */
  failed(account: string): Date | undefined {
    const t = this.now();
    const e = this.accounts.get(account) ?? { failures: [] };
    e.failures = e.failures.filter((at) => at > t - this.policy.windowMs);
    e.failures.push(t);
    if (!this.accounts.has(account)) this.prune(t);
    this.accounts.set(account, e);
    if (e.failures.length < this.policy.maxFailures) return undefined;
    e.lockedUntil = t + this.policy.lockMs;
    e.failures = [];
    return new Date(e.lockedUntil);
  }

  /** A successful sign-in clears the account's failures. */
  succeeded(account: string): void {
    this.accounts.delete(account);
  }

  private prune(t: number) {
    for (const [k, e] of this.accounts) {
      const live = (e.lockedUntil ?? 0) > t || e.failures.some((at) => at > t - this.policy.windowMs);
      if (!live) this.accounts.delete(k);
    }
    // Still full of live entries (someone trying many names): forget the oldest, never the locks.
    for (const [k, e] of this.accounts) {
      if (this.accounts.size < MAX_TRACKED) break;
      if (e.lockedUntil === undefined) this.accounts.delete(k);
    }
  }
}

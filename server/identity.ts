import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { findJurisdiction, jurisdictions } from '../machines/index.js';
import { APPLYING_DEPARTMENTS } from '../machines/shared/meta.js';

/** What a user may do: apply for their unit, review for their department, receive escalations, administer. */
export const ROLES = ['applicant', 'reviewer', 'supervisor', 'administrator'] as const;
/** One of the roles. */
export type Role = (typeof ROLES)[number];

/** An address as a mail server takes it: no quotes or other characters a 政务 mail system would refuse. */
export const emailAddress = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}$/, '邮箱地址格式不正确');

/** A mobile number for an SMS gateway. */
export const mobileNumber = z.string().regex(/^\+?[0-9]{6,20}$/, '手机号码只能包含数字，可以 + 开头');
/** A user id in an IM platform (钉钉、企业微信). */
export const imUserId = z.string().trim().min(1).max(100);

const userSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/),
  name: z.string().trim().min(1).max(100),
  jurisdiction: z.string().min(1),
  /** The department id in the jurisdiction's table; 'applicant' (or 'operator') for applying units. */
  department: z.string().min(1),
  /** The applying unit's name, for applicants: they see and act on this unit's projects only. */
  unit: z.string().trim().min(2).max(100).optional(),
  roles: z.array(z.enum(ROLES)).min(1),
  /** Where notices reach the user besides the message centre (issue 24): e-mail, a mobile number for an SMS gateway, an IM user id. */
  email: emailAddress.optional(),
  mobile: mobileNumber.optional(),
  imUserId: imUserId.optional(),
  /** How notices reach them outside the product: at once, in a daily digest, or in the product only (NOTIFY_PREFERENCES). */
  notify: z.enum(['immediate', 'digest', 'inApp']).optional(),
});

/** How a user wants notices: at once, a daily digest at the configured hour, or only in the product's message centre. */
export const NOTIFY_PREFERENCES = { immediate: '立即发送', digest: '每日汇总', inApp: '仅站内消息' } as const;
/** One of the preferences; a user without one is sent notices at once. */
export type NotifyPreference = keyof typeof NOTIFY_PREFERENCES;

/** A user of the product. */
export type User = z.output<typeof userSchema>;

const storeSchema = z.strictObject({
  users: z.array(userSchema),
  /** sha256 of each bearer token; the token itself is shown once and never stored. */
  tokens: z.array(
    z.strictObject({
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      userId: z.string(),
      label: z.string(),
      createdAt: z.string(),
      /** When the token stops working; tokens issued before expiry existed end TOKEN_VALID_DAYS after creation. */
      expiresAt: z.string().optional(),
    }),
  ),
});

/** How long a token works unless issued for another period. */
export const TOKEN_VALID_DAYS = 180;
/** How often a running API looks at the store for changes made by the admin command or another process. */
export const IDENTITY_RELOAD_MS = 1_000;

/** A token as listed for administrators: never the token itself. */
export interface TokenInfo {
  userId: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const expiryOf = (t: { createdAt: string; expiresAt?: string }) =>
  t.expiresAt ?? new Date(Date.parse(t.createdAt) + TOKEN_VALID_DAYS * 86_400_000).toISOString();

/**
 * Users and hashed bearer tokens, kept in a JSON file in the data folder (or in memory for tests).
 * A running API re-reads the file when it changes (checked at most every IDENTITY_RELOAD_MS), so a
 * revocation, a new token or a changed user takes effect without a restart, in every process.
 */
export class Identities {
  private store: z.output<typeof storeSchema>;
  private seen = '';
  private checkedAt = 0;

  private constructor(
    private readonly file: string | undefined,
    store: z.output<typeof storeSchema>,
    private readonly now: () => number,
  ) {
    this.store = store;
    this.seen = this.fileStamp();
    this.checkedAt = now();
  }

  /** Load the store, or start an empty one; `now` is the clock tokens expire by. */
  static open(file?: string, opts: { now?: () => number } = {}): Identities {
    const now = opts.now ?? Date.now;
    if (file && existsSync(file)) return new Identities(file, Identities.read(file), now);
    return new Identities(file, { users: [], tokens: [] }, now);
  }

  private static read(file: string) {
    return storeSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  }

  /** What identifies the file's current content cheaply: inode, size and modification time. */
  private fileStamp(): string {
    if (!this.file || !existsSync(this.file)) return '';
    const st = statSync(this.file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  }

  /** Re-read the file when another process (or the admin command) changed it. */
  private refresh(force = false) {
    if (!this.file) return;
    const t = this.now();
    if (!force && t - this.checkedAt < IDENTITY_RELOAD_MS) return;
    this.checkedAt = t;
    const stamp = this.fileStamp();
    if (stamp === this.seen) return;
    try {
      this.store = Identities.read(this.file);
      this.seen = stamp;
    } catch {
      // A file being replaced or edited badly: keep serving what was last valid, look again soon.
    }
  }

  get users(): readonly User[] {
    this.refresh();
    return this.store.users;
  }

  /** Tokens with their expiry, for administrators (never the tokens themselves). */
  tokens(): TokenInfo[] {
    this.refresh(true);
    const t = this.now();
    return this.store.tokens.map((x) => ({
      userId: x.userId,
      label: x.label,
      createdAt: x.createdAt,
      expiresAt: expiryOf(x),
      expired: Date.parse(expiryOf(x)) <= t,
    }));
  }

  /** Add or replace a user, checking the jurisdiction and department exist. */
  addUser(user: User): User {
    this.refresh(true);
    const parsed = userSchema.parse(user);
    const def = findJurisdiction(parsed.jurisdiction);
    if (!def) throw new Error(`unknown jurisdiction '${parsed.jurisdiction}'`);
    if (!Object.hasOwn(def.departments, parsed.department)) throw new Error(`unknown department '${parsed.department}' in ${def.name}`);
    if (parsed.roles.includes('applicant') && !parsed.unit) throw new Error('an applicant needs the name of their unit');
    this.store.users = [...this.store.users.filter((u) => u.id !== parsed.id), parsed];
    this.save();
    return parsed;
  }

  /**
   * A user's own settings (the 个人设置 page): their preference and contact points. Checked as the
   * whole user is; a field left undefined is kept, an empty string removes it.
   */
  updateSettings(userId: string, change: { notify?: NotifyPreference; email?: string; mobile?: string; imUserId?: string }): User {
    this.refresh(true);
    const user = this.store.users.find((u) => u.id === userId);
    if (!user) throw new Error(`unknown user '${userId}'`);
    const next: Record<string, unknown> = { ...user };
    for (const [k, v] of Object.entries(change)) {
      if (v === undefined) continue;
      if (v === '') delete next[k];
      else next[k] = v;
    }
    const parsed = userSchema.parse(next);
    this.store.users = this.store.users.map((u) => (u.id === userId ? parsed : u));
    this.save();
    return parsed;
  }

  /** Issue a bearer token for a user, valid for `validDays`; the returned token is the only copy. */
  issueToken(userId: string, label = 'default', validDays = TOKEN_VALID_DAYS): string {
    this.refresh(true);
    if (!this.store.users.some((u) => u.id === userId)) throw new Error(`unknown user '${userId}'`);
    if (!Number.isInteger(validDays) || validDays < 1 || validDays > 3_650) throw new Error('a token is valid for 1 to 3650 days');
    const token = `gov_${randomBytes(32).toString('base64url')}`;
    const created = this.now();
    this.store.tokens.push({
      hash: sha256(token),
      userId,
      label,
      createdAt: new Date(created).toISOString(),
      expiresAt: new Date(created + validDays * 86_400_000).toISOString(),
    });
    this.save();
    return token;
  }

  /** Withdraw every token of a user; returns how many there were. */
  revokeTokens(userId: string): number {
    this.refresh(true);
    const before = this.store.tokens.length;
    this.store.tokens = this.store.tokens.filter((t) => t.userId !== userId);
    this.save();
    return before - this.store.tokens.length;
  }

  /** The user a bearer token belongs to, if any. */
  authenticate(token: string | undefined): User | undefined {
    if (!token || token.length > 200) return undefined;
    return this.userByTokenHash(sha256(token));
  }

  /**
   * The user whose token has this sha256 hash, while that token is still in the store: a web
   * session keeps only the hash it was signed in with and asks here on every request, so revoking
   * the token ends the session.
   */
  userByTokenHash(hash: string): User | undefined {
    if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
    // Read the store again if another process changed it (revocation, new tokens, changed users).
    this.refresh();
    const given = Buffer.from(hash, 'hex');
    const entry = this.store.tokens.find((t) => timingSafeEqual(Buffer.from(t.hash, 'hex'), given));
    if (!entry || Date.parse(expiryOf(entry)) <= this.now()) return undefined;
    return this.store.users.find((u) => u.id === entry.userId);
  }

  private save() {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.store, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
    this.seen = this.fileStamp();
  }
}

/**
 * Development users so a newcomer can try every role: for each jurisdiction an applicant, a
 * reviewer per department, a supervisor and an administrator. Returns each user with a fresh token.
 */
export function seedDevelopmentUsers(ids: Identities): Array<{ user: User; token: string }> {
  const out: Array<{ user: User; token: string }> = [];
  const add = (user: User) => out.push({ user: ids.addUser(user), token: ids.issueToken(user.id, 'development seed') });
  for (const def of Object.values(jurisdictions)) {
    const reviewing = Object.keys(def.departments).filter((d) => !APPLYING_DEPARTMENTS.includes(d));
    const authority = reviewing[0]!;
    add({
      id: `${def.id}.applicant`,
      name: `${def.name}申报人`,
      jurisdiction: def.id,
      department: 'applicant',
      unit: `${def.name}示例单位`,
      roles: ['applicant'],
    });
    if (def.departments.operator)
      add({
        id: `${def.id}.operator`,
        name: '运营公司经办人',
        jurisdiction: def.id,
        department: 'operator',
        unit: `${def.name}运营公司`,
        roles: ['applicant'],
      });
    for (const dept of reviewing) {
      add({ id: `${def.id}.${dept.toLowerCase()}`, name: `${def.departments[dept]!.name}审核人`, jurisdiction: def.id, department: dept, roles: ['reviewer'] });
    }
    // Supervisors see, list and follow escalations; acting on a step is for the department's reviewers.
    add({ id: `${def.id}.supervisor`, name: `${def.departments[authority]!.name}督办人`, jurisdiction: def.id, department: authority, roles: ['supervisor'] });
    add({ id: `${def.id}.admin`, name: `${def.name}管理员`, jurisdiction: def.id, department: authority, roles: ['administrator'] });
  }
  return out;
}

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isoDate } from './machines/shared/schemas.js';
import { DOCUMENT_TYPE_NAMES } from './documents/sniff.js';
import { allSearchAttributes } from './contracts/search-attributes.js';

/** A data folder's path; one that starts with '-' is refused, since a command line would read it as a flag. */
const dataFolder = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('-'), 'a data folder may not start with "-": a command line would read it as a flag');
/** 127.0.0.0/8, ::1 or localhost: an address no other machine can connect to. */
function isLoopback(ip: string): boolean {
  return ip === 'localhost' || ip === '::1' || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(ip);
}
/** A TCP port; 0 picks any free port at start (tests and several instances on one machine). */
const port = z.number().int().min(0).max(65535);
const keyId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _');
const publicKey = z.string().regex(/^[0-9a-f]{64}$/, 'raw Ed25519 public key, 64 hex digits');

const yearSchedule = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** 国务院办公厅关于部分节假日安排的通知: the notice this data comes from. */
  source: z.string().min(1),
  holidays: z.array(isoDate),
  workdays: z.array(isoDate),
});

/** The whole configuration; every value is checked at start-up. */
export const configSchema = z
  .strictObject({
    temporal: z.strictObject({
      /** host:port of an existing cluster; when absent, `npm start` runs the embedded dev server. */
      address: z
        .string()
        .regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'expected host:port')
        .optional(),
      namespace: z.string().min(1).default('default'),
      taskQueue: z.string().min(1).default('gov-it-projects'),
      /**
       * TLS for a secured cluster or Temporal Cloud: files of the client certificate and key (mTLS),
       * of the CA that signed the server's certificate, and the name the server's certificate carries.
       */
      tls: z
        .strictObject({
          clientCertFile: z.string().min(1).optional(),
          clientKeyFile: z.string().min(1).optional(),
          serverCaFile: z.string().min(1).optional(),
          serverName: z.string().min(1).optional(),
        })
        .refine((t) => Boolean(t.clientCertFile) === Boolean(t.clientKeyFile), 'clientCertFile and clientKeyFile go together')
        .optional(),
      /** An API key (Temporal Cloud); implies TLS. Prefer TEMPORAL_API_KEY to writing it here. */
      apiKey: z.string().min(1).optional(),
    }),
    embedded: z.strictObject({
      /**
       * The embedded dev server's gRPC port has no TLS and no authorizer (the CLI offers neither), so
       * it binds loopback only (issue 20 item 4): a cluster is the way to serve other machines.
       */
      ip: z
        .string()
        .min(1)
        .refine(
          isLoopback,
          'the embedded Temporal server has no sign-in: loopback only (127.0.0.1, ::1, localhost); use a cluster (npm run cluster) to serve other machines',
        )
        .default('127.0.0.1'),
      grpcPort: port.default(7233),
      uiPort: port.default(8233),
      /** Git-ignored folder for the SQLite file that keeps projects across restarts. */
      dataDir: dataFolder.default('.data'),
      // --- namespace access (issue 20 item 4) ---
      /**
       * The embedded Temporal Web UI shows every project's full history without sign-in: off unless
       * `true` (or TEMPORAL_UI=true), and then served read-only on loopback (runtime/ui-proxy.ts).
       */
      ui: z.boolean().default(false),
      // --- namespace retention (issue 20 item 3) ---
      /** Days a closed project stays in the embedded namespace (the CLI's own default is one day); the archive's ten years at least. */
      retentionDays: z.number().int().min(3_650).max(36_500).optional(),
    }),
    api: z.strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: port.default(3000),
      /** Requests a credential may make per minute (default 600), and an address without one (default 60). */
      rateLimitPerMinute: z.number().int().min(1).max(1_000_000).optional(),
      anonymousRateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
      // --- the front door's sessions and sign-in (issue 20 item 7; 等保 2.0 三级 身份鉴别) ---
      /**
       * express `trust proxy`: the load balancers in front of the API (a hop count, or their
       * addresses/subnets, comma-separated). Off by default: the client address is the socket's peer,
       * so a forged X-Forwarded-For buys nobody a fresh rate-limit bucket.
       */
      trustProxy: z
        .union([z.boolean(), z.number().int().min(0).max(10), z.string().min(1)])
        // From the environment everything is a string: '1' is a hop count, 'true'/'false' the switch.
        .transform((v) => (typeof v !== 'string' ? v : /^\d+$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v))
        .optional(),
      /** The session cookie's Secure flag: 'auto' (default) when the request came over HTTPS; true always. */
      secureCookie: z.union([z.boolean(), z.literal('auto')]).optional(),
      /** A page session idle this long is signed out (default 30 minutes) … */
      sessionIdleMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(30),
      /** … and any page session this long after sign-in (default 8 hours). */
      sessionAbsoluteHours: z.number().int().min(1).max(72).default(8),
      /** Failed sign-ins of one account within the window that lock it for `lockMinutes`. */
      signInLockout: z
        .strictObject({
          maxFailures: z.number().int().min(3).max(100).default(5),
          windowMinutes: z
            .number()
            .int()
            .min(1)
            .max(24 * 60)
            .default(15),
          lockMinutes: z
            .number()
            .int()
            .min(1)
            .max(24 * 60)
            .default(15),
        })
        .prefault({}),
    }),
    /**
     * Signed commands (machines/policy.ts): the API signs every action with its Ed25519 key and the
     * workflow accepts only commands signed by a key the worker trusts. Without a configured key, the
     * API generates one into `<dataDir>/command-keys/` on first start (mode 0600) and publishes its
     * public key to `<dataDir>/trusted-command-keys.json`, the only key file workers read.
     */
    commands: z
      .strictObject({
        /** The API's private key (PKCS#8 PEM file) and its id. */
        signingKey: z.strictObject({ id: keyId, file: z.string().min(1) }).optional(),
        /** Public keys workers trust besides the signing key's, by id: keep the previous key here while rotating. */
        trustedKeys: z.record(keyId, publicKey).default({}),
      })
      .default({ trustedKeys: {} }),
    deployment: z
      .strictObject({
        /** What this process runs: everything, or one part of a deployment with several processes per part. */
        role: z.enum(['all', 'worker', 'api']).default('all'),
      })
      .prefault({}),
    /** `npm run cluster`: the Temporal server on PostgreSQL, on this machine. */
    cluster: z
      .strictObject({
        /** Git-ignored folder of the cluster's database, generated server configuration, ports and logs. */
        dataDir: dataFolder.default('.cluster'),
        /** Frontend gRPC port; 0 picks a free one on the first start and keeps it in the data folder. */
        frontendPort: port.default(0),
        /**
         * Fixed when the cluster is created and never changed after: sized for a province, not for
         * this machine (README, "Province scale").
         */
        historyShards: z.number().int().min(1).max(16_384).default(512),
        /** Days a closed project stays in the namespace before the server deletes its history: ten years by default (the archive's), six months at least (网络安全法 第二十一条). */
        retentionDays: z.number().int().min(180).max(36_500).default(3_650),
        // --- namespace access (issue 20 item 4) ---
        /**
         * mTLS on the frontend: a certificate authority, frontend and client certificates are generated
         * into `<dataDir>/tls/` on the first start, and only a client presenting a certificate that CA
         * signed may connect; `npm run cluster` hands the client pair to the product processes it starts
         * (TEMPORAL_TLS_* below). Others point `temporal.tls` at the same files.
         */
        mtls: z.boolean().default(false),
        /** List queries a second per frontend before the server throttles them (the server's own default, 10, is a laptop's). */
        visibilityRps: z.number().int().min(1).max(100_000).default(200),
      })
      .prefault({}),
    /**
     * The read model every list reads (issue 23): PGlite in the data folder by default (one API
     * process); a PostgreSQL database (`postgres://…`) for several API processes or a cluster. It is
     * rebuilt from Temporal when empty, and by `npm run admin -- rebuild-read-model`.
     */
    readModel: z
      .strictObject({
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'readModel.url must be a postgres:// URL')
          .optional(),
        /** How often the outbox, passed time limits and unwritten rows are looked at. */
        pollMs: z.number().int().min(100).max(60_000).default(1_000),
      })
      .prefault({}),
    /**
     * Uploaded documents (issue 21): limits of an upload, the types taken (decided by content), and
     * where files are kept — the data folder by default, or an S3-compatible bucket (a county's
     * 政务云 object storage; `npm run cluster` starts SeaweedFS). Credentials may come from
     * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY instead of this file.
     */
    documents: z
      .strictObject({
        maxFileBytes: z
          .number()
          .int()
          .min(1024)
          .max(2 * 1024 ** 3)
          .default(50 * 1024 ** 2),
        maxRequestBytes: z
          .number()
          .int()
          .min(1024)
          .max(8 * 1024 ** 3)
          .default(200 * 1024 ** 2),
        maxFilesPerRequest: z.number().int().min(1).max(100).default(10),
        types: z.array(z.enum(DOCUMENT_TYPE_NAMES)).min(1).default(['pdf', 'ofd', 'docx', 'xlsx', 'jpeg', 'png', 'zip']),
        store: z
          .discriminatedUnion('kind', [
            z.strictObject({ kind: z.literal('local'), dir: z.string().min(1).optional() }),
            z.strictObject({
              kind: z.literal('s3'),
              endpoint: z.url().optional(),
              region: z.string().min(1).default('us-east-1'),
              bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
              prefix: z.string().max(200).optional(),
              accessKeyId: z.string().min(1).optional(),
              secretAccessKey: z.string().min(1).optional(),
              forcePathStyle: z.boolean().default(true),
            }),
          ])
          .default({ kind: 'local' }),
      })
      .refine((d) => d.maxRequestBytes >= d.maxFileBytes, { path: ['maxRequestBytes'], message: 'at least maxFileBytes' })
      .prefault({}),
    /**
     * Opinions as documents (issue 21 item 4): each department's 机关代字 that its 文号 start with
     * (keyed by jurisdiction and department, e.g. weishan.bigData: "微山大数据"; unset, the issuing
     * department's name), and the Chinese fonts the PDFs embed, the first that exists (unset,
     * Debian's fonts-noto-cjk, which `npm start` installs).
     */
    opinions: z
      .strictObject({
        /** Whether decisions are issued as documents at all; a county that keeps issuing them on paper turns it off. */
        issue: z.boolean().default(true),
        prefixes: z
          .record(
            z.string(),
            z.record(
              z.string(),
              z
                .string()
                .min(1)
                .max(40)
                .regex(/^[^〔〕\[\]/\\]+$/, 'a 机关代字 without brackets or slashes'),
            ),
          )
          .default({}),
        fonts: z
          .array(z.strictObject({ file: z.string().min(1), face: z.string().min(1).optional() }))
          .min(1)
          .optional(),
      })
      .prefault({}),
    /**
     * Notices that reach people (issue 24). Every notice is in the product's message centre
     * (/messages); e-mail and webhooks are off until configured here. Secrets (the SMTP password,
     * a robot's URL token or 加签 secret) come from the environment or a file, never from here.
     */
    notifications: z
      .strictObject({
        /** The product's address as people open it, for links in messages (unset: the API's own host and port). */
        publicUrl: z.url().optional(),
        /** The Beijing hour a daily digest goes out at, for those who chose one. */
        digestHour: z.number().int().min(0).max(23).default(8),
        /** Which process writes its outbox and delivery log under this name (one per worker process on a shared data folder). */
        writer: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,40}$/)
          .default('worker'),
        retry: z
          .strictObject({
            initialSeconds: z.number().min(0.01).max(3_600).default(30),
            maxSeconds: z.number().min(0.01).max(86_400).default(1_800),
            /** After this long undelivered, a delivery is failed with its reason, visible beside the notice. */
            giveUpHours: z
              .number()
              .min(0.001)
              .max(24 * 30)
              .default(48),
          })
          .prefault({}),
        email: z
          .strictObject({
            host: z.string().min(1),
            port: z.number().int().min(1).max(65_535).default(25),
            secure: z.boolean().default(false),
            requireTLS: z.boolean().default(false),
            ignoreTLS: z.boolean().default(false),
            user: z.string().min(1).optional(),
            password: z.strictObject({ env: z.string().min(1).optional(), file: z.string().min(1).optional() }).optional(),
            from: z.string().min(3).default('政务信息化项目审批系统 <noreply@localhost>'),
          })
          .optional(),
        /** Named webhooks: generic (HMAC-signed JSON), DingTalk and WeCom robots; the URL may come from the environment (a robot's token is in it). */
        webhooks: z
          .record(
            z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
            z
              .strictObject({
                kind: z.enum(['generic', 'dingtalk', 'wecom']),
                url: z.url().optional(),
                urlEnv: z.string().min(1).optional(),
                secret: z.strictObject({ env: z.string().min(1).optional(), file: z.string().min(1).optional() }).optional(),
                /** Posts a minute at most (DingTalk and WeCom robots take 20); more wait and go out together. */
                perMinute: z.number().int().min(1).max(600).default(20),
              })
              .refine((w) => w.url || w.urlEnv, { message: 'url or urlEnv', path: ['url'] }),
          )
          .default({}),
        /** The webhook that gets notices for people with a mobile number or IM id (an SMS gateway, the 协同办公 platform). */
        personalWebhook: z.string().optional(),
        /** Group addresses per jurisdiction and department, e.g. weishan.bigData: { email: 'dsj@…', webhooks: ['dsj-robot'] }. */
        departments: z
          .record(z.string(), z.record(z.string(), z.strictObject({ email: z.email().optional(), webhooks: z.array(z.string()).optional() })))
          .default({}),
      })
      .superRefine((n, ctx) => {
        const named = new Set(Object.keys(n.webhooks));
        if (n.personalWebhook && !named.has(n.personalWebhook))
          ctx.addIssue({ code: 'custom', path: ['personalWebhook'], message: `no webhook named '${n.personalWebhook}'` });
        for (const [j, depts] of Object.entries(n.departments))
          for (const [d, g] of Object.entries(depts))
            (g.webhooks ?? []).forEach((w, i) => {
              if (!named.has(w)) ctx.addIssue({ code: 'custom', path: ['departments', j, d, 'webhooks', i], message: `no webhook named '${w}'` });
            });
      })
      .prefault({}),
    /** Review service levels in working days, where the regulation sets no period; keyed by jurisdiction and task or deadline key. */
    serviceLevels: z.strictObject({
      defaultWorkingDays: z.number().int().min(1).max(250).default(10),
      jurisdictions: z.record(z.string(), z.record(z.string(), z.number().int().min(1).max(250))).default({}),
    }),
    /** Before a time limit a reminder (催办) goes to the awaited department; after it, a second escalation level. */
    escalation: z.strictObject({
      reminderWorkingDaysBefore: z.number().int().min(0).max(30).default(2),
      secondLevelWorkingDaysAfter: z.number().int().min(1).max(60).default(5),
    }),
    /** Schedules for years the shipped holiday data does not cover yet (also from CALENDAR_YEARS_FILE). */
    calendar: z.strictObject({
      years: z
        .array(yearSchedule)
        .default([])
        .superRefine((years, ctx) =>
          years.forEach((y, i) => {
            // Two schedules for one year would silently let the later one win.
            if (years.findIndex((o) => o.year === y.year) < i) ctx.addIssue({ code: 'custom', path: [i, 'year'], message: `${y.year} 年的安排重复` });
          }),
        ),
    }),
    worker: z.strictObject({
      /**
       * Projects kept in the worker's cache; the rest replay on their next event. Each cached project
       * holds its own evaluation of the workflow bundle, so this bounds worker memory (what a cached
       * project costs: docs/benchmarks.md).
       */
      maxCachedWorkflows: z.number().int().min(10).max(100_000).default(500),
      /**
       * How often the worker looks for projects Temporal ended outside the product (terminated from
       * the Web UI or the CLI) and writes their archive package (worker/archive-sweep.ts); also at start.
       */
      archiveSweepMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(60),
    }),
    /**
     * Continue-as-new once a run's history passes this many events (the server suggests it at 4,096).
     * The first action after a project leaves the worker's cache replays its current run, so this
     * bounds that action's time whatever the project's age (what a replayed event costs: docs/benchmarks.md).
     */
    historyEventLimit: z.number().int().min(100).max(10_000).default(200),
  })
  .superRefine((c, ctx) => {
    // Workers and API processes apart share a cluster; the embedded dev server belongs to one process.
    if (c.deployment.role !== 'all' && !c.temporal.address) {
      ctx.addIssue({
        code: 'custom',
        path: ['deployment', 'role'],
        message: `a ${c.deployment.role}-only process needs TEMPORAL_ADDRESS (a cluster: npm run cluster)`,
      });
    }
  });

/** The validated configuration. */
export type Config = z.output<typeof configSchema>;

/** Operators edit these defaults; environment variables below override single values. */
export const settings: z.input<typeof configSchema> = {
  temporal: {},
  embedded: {},
  api: {},
  worker: {},
  escalation: {},
  serviceLevels: {
    defaultWorkingDays: 10,
    // Per jurisdiction and key, e.g. `weishan: { rectification: 20 }`: overrides the defaults its
    // package sets (machines/<id>/index.ts, `serviceLevels`).
    jurisdictions: {},
  },
  calendar: { years: [] },
};

/** Where an environment variable lands in the configuration. */
const fromEnv: Array<[string, string[], 'string' | 'number' | 'boolean']> = [
  ['TEMPORAL_ADDRESS', ['temporal', 'address'], 'string'],
  ['TEMPORAL_NAMESPACE', ['temporal', 'namespace'], 'string'],
  ['TEMPORAL_TASK_QUEUE', ['temporal', 'taskQueue'], 'string'],
  ['TEMPORAL_PORT', ['embedded', 'grpcPort'], 'number'],
  ['TEMPORAL_UI_PORT', ['embedded', 'uiPort'], 'number'],
  ['DATA_DIR', ['embedded', 'dataDir'], 'string'],
  ['API_HOST', ['api', 'host'], 'string'],
  ['API_PORT', ['api', 'port'], 'number'],
  ['TEMPORAL_API_KEY', ['temporal', 'apiKey'], 'string'],
  ['TEMPORAL_UI', ['embedded', 'ui'], 'boolean'],
  ['WORKER_MAX_CACHED_WORKFLOWS', ['worker', 'maxCachedWorkflows'], 'number'],
  ['WORKER_ARCHIVE_SWEEP_MINUTES', ['worker', 'archiveSweepMinutes'], 'number'],
  ['API_RATE_LIMIT', ['api', 'rateLimitPerMinute'], 'number'],
  ['API_TRUST_PROXY', ['api', 'trustProxy'], 'string'],
  ['API_SESSION_IDLE_MINUTES', ['api', 'sessionIdleMinutes'], 'number'],
  ['PROCESS_ROLE', ['deployment', 'role'], 'string'],
  ['CLUSTER_DATA_DIR', ['cluster', 'dataDir'], 'string'],
  ['CLUSTER_PORT', ['cluster', 'frontendPort'], 'number'],
  ['CLUSTER_HISTORY_SHARDS', ['cluster', 'historyShards'], 'number'],
  // --- namespace retention (issue 20 item 3) ---
  ['TEMPORAL_RETENTION_DAYS', ['embedded', 'retentionDays'], 'number'],
  ['CLUSTER_RETENTION_DAYS', ['cluster', 'retentionDays'], 'number'],
  // --- namespace access (issue 20 item 4) ---
  ['CLUSTER_MTLS', ['cluster', 'mtls'], 'boolean'],
  ['TEMPORAL_TLS_CERT_FILE', ['temporal', 'tls', 'clientCertFile'], 'string'],
  ['TEMPORAL_TLS_KEY_FILE', ['temporal', 'tls', 'clientKeyFile'], 'string'],
  ['TEMPORAL_TLS_CA_FILE', ['temporal', 'tls', 'serverCaFile'], 'string'],
  ['TEMPORAL_TLS_SERVER_NAME', ['temporal', 'tls', 'serverName'], 'string'],
  // --- read model (issue 23) ---
  ['READ_MODEL_URL', ['readModel', 'url'], 'string'],
  // --- documents (issue 21) ---
  ['DOCUMENTS_MAX_FILE_BYTES', ['documents', 'maxFileBytes'], 'number'],
  ['DOCUMENTS_STORE', ['documents', 'store', 'kind'], 'string'],
  ['DOCUMENTS_S3_ENDPOINT', ['documents', 'store', 'endpoint'], 'string'],
  ['DOCUMENTS_S3_BUCKET', ['documents', 'store', 'bucket'], 'string'],
  ['DOCUMENTS_S3_REGION', ['documents', 'store', 'region'], 'string'],
  // --- notifications (issue 24) ---
  ['NOTIFY_PUBLIC_URL', ['notifications', 'publicUrl'], 'string'],
  ['NOTIFY_WRITER', ['notifications', 'writer'], 'string'],
  ['NOTIFY_DIGEST_HOUR', ['notifications', 'digestHour'], 'number'],
  ['SMTP_HOST', ['notifications', 'email', 'host'], 'string'],
  ['SMTP_PORT', ['notifications', 'email', 'port'], 'number'],
  ['SMTP_FROM', ['notifications', 'email', 'from'], 'string'],
  ['SMTP_USER', ['notifications', 'email', 'user'], 'string'],
];

/** A configuration value that cannot be used, named so the operator can find it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Calendar years from the JSON file CALENDAR_YEARS_FILE names (an array of `calendar.years`
 * entries), so an operator can add a newly announced year without editing code.
 */
function yearsFromFile(file: string): unknown[] {
  let years: unknown;
  try {
    years = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`temporal.config.ts: CALENDAR_YEARS_FILE=${JSON.stringify(file)} cannot be read as JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(years)) throw new ConfigError(`temporal.config.ts: CALENDAR_YEARS_FILE=${JSON.stringify(file)} must hold a JSON array of year schedules`);
  return years;
}

/** The file an operator adds calendar years to while the product runs: CALENDAR_YEARS_FILE, else `<dataDir>/calendar-years.json`. */
export const calendarYearsFile = (config: Pick<Config, 'embedded'>, env: Record<string, string | undefined> = process.env): string =>
  env.CALENDAR_YEARS_FILE || path.join(config.embedded.dataDir, 'calendar-years.json');

type YearEntry = z.output<typeof yearSchedule>;

/**
 * The calendar years, following the operator's year file while the product runs (issue 20 item 7):
 * the configured years, with each year the file lists (added or corrected) taking the file's
 * schedule. The file is looked at no more than once per `minIntervalMs` and read again only when it
 * changed (modification time, size); a file that does not parse, or lists a year twice, is reported
 * and the years already in use are kept. The same array comes back while nothing changed, so a
 * Calendar over this source rebuilds only on a change. A year removed from the file stays until
 * the next start.
 */
export function followCalendarYears(
  config: Pick<Config, 'calendar' | 'embedded'>,
  env: Record<string, string | undefined> = process.env,
  opts: { minIntervalMs?: number; log?: (line: string) => void } = {},
): () => readonly YearEntry[] {
  const file = calendarYearsFile(config, env);
  const log = opts.log ?? ((line: string) => console.warn(line));
  const configured = config.calendar.years;
  let current: readonly YearEntry[] = configured;
  let seen = '';
  let checkedAt = -Infinity;
  const stamp = () => {
    try {
      const st = statSync(file);
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return 'absent';
    }
  };
  return () => {
    const now = Date.now();
    if (now - checkedAt < (opts.minIntervalMs ?? 1_000)) return current;
    checkedAt = now;
    const at = stamp();
    if (at === seen) return current;
    seen = at;
    if (at === 'absent') return current;
    try {
      const parsed = z
        .array(yearSchedule)
        .superRefine((years, ctx) =>
          years.forEach((y, i) => {
            if (years.findIndex((o) => o.year === y.year) < i) ctx.addIssue({ code: 'custom', path: [i, 'year'], message: `${y.year} 年的安排重复` });
          }),
        )
        .safeParse(yearsFromFile(file));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ConfigError(`${file}: [${issue.path.join('.')}] ${issue.message}`);
      }
      const listed = new Set(parsed.data.map((y) => y.year));
      const next = [...configured.filter((y) => !listed.has(y.year)), ...parsed.data];
      if (JSON.stringify(next) !== JSON.stringify(current)) current = next;
    } catch (err) {
      log(`calendar: ${file} not taken (keeping the ${current.length} years in use): ${(err as Error).message}`);
    }
    return current;
  };
}

/** Validate the settings with the environment applied; throws ConfigError naming every bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env, base = settings): Config {
  const raw = structuredClone(base) as unknown as Record<string, Record<string, unknown>>;
  const sources = new Map<string, string>();
  if (env.CALENDAR_YEARS_FILE) {
    const configured = (raw.calendar?.years as unknown[] | undefined) ?? [];
    const added = yearsFromFile(env.CALENDAR_YEARS_FILE);
    raw.calendar = { ...(raw.calendar ?? {}), years: [...configured, ...added] };
    added.forEach((_, i) =>
      sources.set(`calendar.years.${configured.length + i}`, `CALENDAR_YEARS_FILE=${JSON.stringify(env.CALENDAR_YEARS_FILE)}, entry ${i}`),
    );
  }
  for (const [name, path, type] of fromEnv) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const [section, key, sub] = path as [string, string, string?];
    const typed = type === 'number' && /^\d+$/.test(value) ? Number(value) : type === 'boolean' && /^(true|false)$/.test(value) ? value === 'true' : value;
    const inner = sub === undefined ? typed : { ...((raw[section]?.[key] as Record<string, unknown> | undefined) ?? {}), [sub]: typed };
    raw[section] = { ...(raw[section] ?? {}), [key]: inner };
    sources.set(path.join('.'), `${name}=${JSON.stringify(value)}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const field = i.path.join('.');
      if (field === 'temporal.apiKey') return `  ${field}: ${i.message}`;
      const source = [...sources].find(([path]) => field === path || field.startsWith(`${path}.`))?.[1];
      return `  ${field}: ${i.message}${source ? ` (from ${source})` : ''}`;
    });
    throw new ConfigError(`temporal.config.ts: invalid configuration\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Search attributes the product registers and keeps current. */
export const searchAttributeKeys = allSearchAttributes;

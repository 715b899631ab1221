import type { Calendar } from '../../activities/calendar.js';
import type { HistoryEntry } from '../../contracts/messages.js';
import type { DocumentsDeps } from '../api/documents.js';
import type { Identities } from '../identity.js';
import type { Projects } from '../projects-api.js';
import type { ReadModelKeeper } from '../read-model/keeper.js';
import type { MessageCentre } from '../messages.js';
import type { SavedViews } from '../saved-views.js';
import type { SessionStore } from '../sessions.js';
import type { LockoutPolicy } from '../sign-in-guard.js';

/** What the pages need; everything but projects and identities has a default. */
export interface PagesDeps {
  projects: Projects;
  /** The read model every list reads (server/read-model), kept by the API's commands and the outbox. */
  lists: ReadModelKeeper;
  identities: Identities;
  /** The audit trail as CSV (the API's own writer). */
  auditCsv: (trail: HistoryEntry[], application?: Record<string, unknown>) => string;
  now?: () => Date;
  /** The document store and upload limits; without it forms take no files (server/pages/uploads.ts). */
  documents?: DocumentsDeps;
  log?: (entry: Record<string, unknown>) => void;
  /** The message centre (server/messages.ts): /messages, the unread count in the header, 催办 and deliveries beside notices. */
  messages?: MessageCentre;
  calendar?: Calendar;
  /** Working days before a time limit that count as 黄 (the reminder window of temporal.config.ts). */
  reminderWorkingDays?: number;
  savedViews?: SavedViews;
  sessions?: SessionStore;
  secureCookie?: boolean | 'auto';
  /** How long an idle session lasts (30 minutes by default). */
  sessionIdleMs?: number;
  /** How long a session lasts from sign-in at most (8 hours by default). */
  sessionAbsoluteMs?: number;
  /** When repeated failed sign-ins lock an account (server/sign-in-guard.ts). */
  signInLockout?: LockoutPolicy;
  /** How often a live task list is compared with what its page shows. */
  liveIntervalMs?: number;
  /** Lay out every chart at start rather than on the first page that draws it (about a second each). */
  warmCharts?: boolean;
  /** Requests per browser session per minute before 429 (default 600, as per API credential). */
  rateLimitPerMinute?: number;
}

/**
 * A closed project's archive package, written to the data folder before Temporal's retention could
 * remove its history: the product, not the namespace's retention, decides when a record may go
 * (网络安全法 第二十一条: 网络日志留存不少于六个月; 等保 2.0 三级 安全审计: 审计记录应受到保护，避免受到
 * 未预期的删除、修改或覆盖). `<archiveDir>/<projectId>/` holds
 *   audit.json     the whole audit trail, each entry with the signature it was accepted with and its chain hash
 *   chart.json     the chart export of the project's chart version (machines/chart-export.ts, as docs/charts/ has it)
 *   manifest.json  what the package is, the chain's head, and the SHA-256 and size of each file above
 * Each file is written to a temporary name, fsynced, renamed into place and the folder fsynced,
 * mode 0600 in a 0700 folder. The package is a pure function of its input: a retried activity
 * writes the same bytes, and a package already there and whole is left as it is.
 * `npm run admin -- verify <projectId> --file <archiveDir>/<projectId>/audit.json` checks its chain.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryEntry } from '../contracts/messages.js';
import { chartJson } from '../machines/chart-export.js';
import { chartVersion } from '../machines/index.js';

/** What the workflow sends when its project has closed. */
export interface ArchiveInput {
  projectId: string;
  jurisdiction: string;
  chartVersion: number;
  /** The public status it closed in (通过、不予通过、终止 …) and its label. */
  status: string;
  statusLabel: string;
  submittedAt: string;
  /** When the project reached its final state: its last entry's time. */
  closedAt: string;
  entries: HistoryEntry[];
  /** The application as validated (application.json): the case archive downloaded from the API carries it (issue 21 item 5). */
  application?: Record<string, unknown>;
  /** The documents the application and the steps name, whose bytes go beside the files at `documents/<sha256>` (issue 21 item 5). */
  documents?: ArchiveDocument[];
  /**
   * How the run ended when Temporal ended it outside the product (terminated from the Web UI or the
   * CLI, failed, cancelled, timed out): the archive sweep (worker/archive-sweep.ts) writes the package
   * then, since such a run never reaches the close that writes it. Absent for a project that closed
   * in its chart.
   */
  ended?: ArchiveEnded;
}

/** A run Temporal ended outside the product: what, when, and what Temporal recorded of who and why. */
export interface ArchiveEnded {
  state: 'terminated' | 'failed' | 'canceled' | 'timedOut';
  label: string;
  at: string;
  /** The reason given to `terminate` (or the failure's message), and the client identity Temporal recorded. */
  reason?: string;
  identity?: string;
}

/** A document of the package: what the project's commands name, and where its bytes are in the package. */
export interface ArchiveDocument {
  id: string;
  sha256: string;
  name: string;
  size: number;
  type: string;
  /** Named by the project, but the store no longer holds its bytes: not in the package. */
  missing?: true;
}

/** Where a document's bytes sit in a package: by their hash, so a file named in several steps is there once. */
export const documentPath = (d: Pick<ArchiveDocument, 'sha256'>) => `documents/${d.sha256}`;

/** The package's manifest (manifest.json). */
export interface ArchiveManifest {
  format: 'gov-it-project-archive';
  version: 1;
  projectId: string;
  jurisdiction: string;
  chartVersion: number;
  status: string;
  statusLabel: string;
  submittedAt: string;
  closedAt: string;
  ended?: ArchiveEnded;
  entries: number;
  /** The last entry's hash (core/chain.ts), absent when the trail predates the chain. */
  chainHead?: string;
  files: Array<{ name: string; sha256: string; bytes: number }>;
  /** The documents named, each with its path in the package; the bytes there hash to `sha256`. */
  documents?: Array<ArchiveDocument & { path: string }>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A project id as a folder name: the ids the API gives (`weishan-20261123-0a1b2c3d`), nothing that leaves the folder. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/;

/** Write a file so that a crash leaves the old one or the new one, never a part: temp, fsync, rename, fsync the folder. */
async function writeDurably(dir: string, name: string, bytes: Buffer): Promise<void> {
  const temp = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(temp, 'wx', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path.join(dir, name));
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** The package's files, byte for byte, from its input. */
export function archiveFiles(input: ArchiveInput): Array<{ name: string; bytes: Buffer }> {
  const audit = Buffer.from(`${JSON.stringify({ projectId: input.projectId, entries: input.entries }, null, 2)}\n`, 'utf8');
  const chart = Buffer.from(`${JSON.stringify(chartJson(chartVersion(input.jurisdiction, input.chartVersion)), null, 2)}\n`, 'utf8');
  const files = [
    { name: 'audit.json', bytes: audit },
    { name: 'chart.json', bytes: chart },
    ...(input.application ? [{ name: 'application.json', bytes: Buffer.from(`${JSON.stringify(input.application, null, 2)}\n`, 'utf8') }] : []),
  ];
  const head = input.entries.at(-1)?.hash;
  const manifest: ArchiveManifest = {
    format: 'gov-it-project-archive',
    version: 1,
    projectId: input.projectId,
    jurisdiction: input.jurisdiction,
    chartVersion: input.chartVersion,
    status: input.status,
    statusLabel: input.statusLabel,
    submittedAt: input.submittedAt,
    closedAt: input.closedAt,
    ...(input.ended ? { ended: input.ended } : {}),
    entries: input.entries.length,
    ...(head ? { chainHead: head } : {}),
    files: files.map((f) => ({ name: f.name, sha256: sha256(f.bytes), bytes: f.bytes.length })),
    ...(input.documents?.length ? { documents: input.documents.map((d) => ({ ...d, path: documentPath(d) })) } : {}),
  };
  return [...files, { name: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }];
}

/**
 * Write a closed project's archive package into `archiveDir`; returns the package's folder. A file
 * already holding the same bytes is not written again, so a retry after a crash finishes the package
 * and a repeated call changes nothing; the manifest goes last, so a package with its manifest is whole.
 */
export async function writeArchive(archiveDir: string, input: ArchiveInput): Promise<string> {
  if (!SAFE_ID.test(input.projectId)) throw new Error(`archive: projectId must be a plain id, not ${JSON.stringify(input.projectId)}`);
  const dir = path.join(archiveDir, input.projectId);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const { name, bytes } of archiveFiles(input)) {
    const current = await readFile(path.join(dir, name)).catch(() => undefined);
    if (current?.equals(bytes)) continue;
    await writeDurably(dir, name, bytes);
  }
  return dir;
}

/**
 * The document store (issue 21 item 2): uploaded files, content-addressed, behind one interface.
 *
 * Every upload is streamed through `receive` (documents/receive.ts) into a temporary file —
 * hashed, counted and its first and last bytes kept as it passes, never held whole in memory — then
 * its type is decided by content (documents/sniff.ts) and it is committed under its SHA-256,
 * once: a second upload of the same bytes writes a new record and no new blob. A record names the
 * bytes, the display name, who uploaded it and when, and the projects that named it.
 *
 * - Embedded default, `LocalDocumentStore`: `<data>/documents/` — `blobs/<sha[0..2]>/<sha>`,
 *   `records/<id>.json`, `tmp/` (write, fsync, rename, fsync the folder), owner-only modes.
 * - Cluster, `S3DocumentStore` (documents/s3.ts): an S3-compatible bucket, `blobs/<sha>` and
 *   `records/<id>.json`; a county points it at its 政务云's object storage by configuration.
 *
 * Bytes never enter Temporal history: payloads carry a document's id and SHA-256 only.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ingestVia } from './ingest.js';
import { S3DocumentStore } from './s3.js';
import { DOCUMENT_ID, DocumentMissing, unavailableOf, type DocumentRecord, type DocumentStore, type DocumentStoreConfig, type IngestLimits } from './types.js';

export * from './types.js';

/** The embedded default: a content-addressed store in the data folder. */
export class LocalDocumentStore implements DocumentStore {
  private readonly blobs: string;
  private readonly records: string;
  private readonly tmp: string;
  private ready: Promise<void> | undefined;

  constructor(
    readonly root: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.blobs = path.join(root, 'blobs');
    this.records = path.join(root, 'records');
    this.tmp = path.join(root, 'tmp');
  }

  private prepare(): Promise<void> {
    this.ready ??= (async () => {
      for (const dir of [this.root, this.blobs, this.records, this.tmp]) await mkdir(dir, { recursive: true, mode: 0o700 });
    })();
    return this.ready;
  }

  private blobPath(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256');
    return path.join(this.blobs, sha256.slice(0, 2), sha256);
  }

  private recordPath(id: string) {
    if (!DOCUMENT_ID.test(id)) throw new Error('not a document id');
    return path.join(this.records, `${id}.json`);
  }

  /** Write a file atomically: a temporary file, fsync, rename, fsync of the folder. */
  private async writeAtomic(target: string, data: string | Buffer) {
    const tmp = path.join(this.tmp, `${randomBytes(12).toString('hex')}.part`);
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target).catch(async (err: unknown) => {
      await unlink(tmp).catch(() => undefined);
      throw err;
    });
    await syncDir(path.dirname(target));
  }

  async ingest(input: Readable, meta: { name: string; uploadedBy: string; projects: string[]; id?: string }, limits: IngestLimits): Promise<DocumentRecord> {
    await this.prepare();
    return ingestVia(this.tmp, input, meta, limits, this.now, async (received, record) => {
      const blob = this.blobPath(received.sha256);
      await mkdir(path.dirname(blob), { recursive: true, mode: 0o700 });
      // Write-once: the same bytes are stored once; the received file (already fsynced) becomes the blob.
      if (!(await exists(blob))) {
        await rename(received.file, blob);
        await syncDir(path.dirname(blob));
      }
      await this.writeAtomic(this.recordPath(record.id), JSON.stringify(record));
    });
  }

  async record(id: string): Promise<DocumentRecord | undefined> {
    if (!DOCUMENT_ID.test(id)) return undefined;
    try {
      return JSON.parse(await readFile(this.recordPath(id), 'utf8')) as DocumentRecord;
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return undefined;
      throw unavailableOf(err) ?? err;
    }
  }

  async bind(id: string, projectId: string): Promise<DocumentRecord> {
    const record = await this.record(id);
    if (!record) throw new DocumentMissing(id);
    if (record.projects.includes(projectId)) return record;
    const next = { ...record, projects: [...record.projects, projectId] };
    await this.prepare();
    await this.writeAtomic(this.recordPath(id), JSON.stringify(next));
    return next;
  }

  async holds(record: DocumentRecord): Promise<boolean> {
    try {
      return (await stat(this.blobPath(record.sha256))).size === record.size;
    } catch {
      return false;
    }
  }

  async open(record: DocumentRecord): Promise<Readable> {
    if (!(await this.holds(record))) throw new DocumentMissing(record.id);
    return createReadStream(this.blobPath(record.sha256));
  }

  async sweep(): Promise<number> {
    await this.prepare();
    let removed = 0;
    for (const name of await readdir(this.tmp)) {
      await rm(path.join(this.tmp, name), { force: true });
      removed++;
    }
    return removed;
  }
}

async function exists(p: string) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** fsync a folder, so a rename into it survives a power cut. */
async function syncDir(dir: string) {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems do not sync folders; the rename is then as durable as they make it.
  } finally {
    await handle.close();
  }
}

/** The store the configuration names; `dataDir` holds the embedded default (and the S3 store's temporary files). */
export async function openDocumentStore(config: DocumentStoreConfig, dataDir: string, now: () => Date = () => new Date()): Promise<DocumentStore> {
  if (config.kind === 's3') {
    return new S3DocumentStore(config, path.join(dataDir, 'documents', 'tmp'), now);
  }
  return new LocalDocumentStore(config.dir ? path.resolve(config.dir) : path.join(dataDir, 'documents'), now);
}

/** Used by tests and the writer of the data folder: the embedded store under `dataDir`. */
export const localDocumentStore = (dataDir: string, now?: () => Date) => new LocalDocumentStore(path.join(dataDir, 'documents'), now);

/** The part every store shares: receive an upload into a temporary file, decide what it is, and commit it. */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { receive, type Received } from './receive.js';
import { displayName, sniff } from './sniff.js';
import { DocumentRefused, unavailableOf, type DocumentRecord, type IngestLimits } from './types.js';

const newId = () => `d${randomBytes(16).toString('hex')}`;

/**
 * The part every store shares: stream into a temporary file, decide what it is, and hand the
 * checked file to `commit` (which stores the bytes once); the temporary file is removed whatever happens.
 */
export async function ingestVia(
  tmpDir: string,
  input: Readable,
  meta: { name: string; uploadedBy: string; projects: string[]; id?: string },
  limits: IngestLimits,
  now: () => Date,
  commit: (received: Received, record: DocumentRecord) => Promise<void>,
): Promise<DocumentRecord> {
  const tmp = path.join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
  let received: Received;
  try {
    received = await receive(input, tmp, limits.maxBytes);
  } catch (err) {
    await rm(tmp, { force: true });
    throw unavailableOf(err) ?? err;
  }
  try {
    const name = displayName(meta.name);
    if (received.size === 0) throw new DocumentRefused(400, 'empty', '文件为空');
    const kind = await sniff(name, received.head, received.tail, limits.types);
    if (!kind.ok) throw new DocumentRefused(kind.status, kind.rule, kind.message);
    const record: DocumentRecord = {
      id: meta.id ?? newId(),
      sha256: received.sha256,
      size: received.size,
      type: kind.mime,
      name,
      uploadedBy: meta.uploadedBy,
      uploadedAt: now().toISOString(),
      projects: [...meta.projects],
    };
    await commit(received, record);
    return record;
  } catch (err) {
    throw unavailableOf(err) ?? err;
  } finally {
    await rm(tmp, { force: true });
  }
}

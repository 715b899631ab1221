/**
 * One upload received: streamed into a temporary file with a hash, a count and its first and last
 * bytes kept as it passes (never the whole file in memory), fsynced before it is used. Over the
 * limit, it stops at once and is refused (413); the caller drains what the client still sends.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { HEAD_BYTES, TAIL_BYTES } from './sniff.js';
import { DocumentRefused } from './types.js';

/** A file received into `file`. */
export interface Received {
  file: string;
  sha256: string;
  size: number;
  head: Buffer;
  tail: Buffer;
}

/** Writes are gathered to this size: one write per chunk the network hands over would cost more than the disk. */
const WRITE_BATCH = 1024 * 1024;

export async function receive(input: Readable, file: string, maxBytes: number): Promise<Received> {
  const hash = createHash('sha256');
  const handle = await open(file, 'wx', 0o600);
  let size = 0;
  const head: Buffer[] = [];
  let headSize = 0;
  // The last chunks, at least TAIL_BYTES of them, joined once at the end.
  let tail: Buffer[] = [];
  let tailSize = 0;
  let batch: Buffer[] = [];
  let batchSize = 0;
  const flush = async () => {
    if (batchSize === 0) return;
    const bytes = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batchSize);
    batch = [];
    batchSize = 0;
    await handle.write(bytes);
  };
  try {
    for await (const piece of input) {
      const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as Uint8Array);
      size += chunk.length;
      if (size > maxBytes) throw new DocumentRefused(413, 'max_size', `文件超过 ${megabytes(maxBytes)} MB 的上限`);
      if (headSize < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - headSize);
        head.push(part);
        headSize += part.length;
      }
      tail.push(chunk);
      tailSize += chunk.length;
      while (tail.length > 1 && tailSize - tail[0]!.length >= TAIL_BYTES) tailSize -= tail.shift()!.length;
      hash.update(chunk);
      batch.push(chunk);
      batchSize += chunk.length;
      if (batchSize >= WRITE_BATCH) await flush();
    }
    // busboy marks a file it cut at its own limit (one byte over ours): over the limit too.
    if ((input as { truncated?: boolean }).truncated) throw new DocumentRefused(413, 'max_size', `文件超过 ${megabytes(maxBytes)} MB 的上限`);
    await flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
  const last = Buffer.concat(tail, tailSize);
  return { file, sha256: hash.digest('hex'), size, head: Buffer.concat(head), tail: last.subarray(Math.max(0, last.length - TAIL_BYTES)) };
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

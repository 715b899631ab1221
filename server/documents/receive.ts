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

export async function receive(input: Readable, file: string, maxBytes: number): Promise<Received> {
  const hash = createHash('sha256');
  const handle = await open(file, 'wx', 0o600);
  let size = 0;
  const head: Buffer[] = [];
  let headSize = 0;
  let tail = Buffer.alloc(0);
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
      tail = tail.length + chunk.length <= TAIL_BYTES ? Buffer.concat([tail, chunk]) : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
      hash.update(chunk);
      await handle.write(chunk);
    }
    // busboy marks a file it cut at its own limit (one byte over ours): over the limit too.
    if ((input as { truncated?: boolean }).truncated) throw new DocumentRefused(413, 'max_size', `文件超过 ${megabytes(maxBytes)} MB 的上限`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { file, sha256: hash.digest('hex'), size, head: Buffer.concat(head), tail };
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

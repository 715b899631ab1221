/**
 * The cluster's document store: an S3-compatible bucket through @aws-sdk/client-s3 (SeaweedFS in
 * `npm run cluster` and `npm run test:cluster`, or a county's 政务云 object storage by configuration).
 * Blobs are `<prefix>blobs/<sha256>`, written once (HeadObject first); records `<prefix>records/<id>.json`.
 * An upload is received into a local temporary file first (hashed and checked as it streams), so
 * nothing is held in memory and nothing reaches the bucket that the checks refuse.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { ingestVia } from './ingest.js';
import {
  DOCUMENT_ID,
  DocumentMissing,
  DocumentStoreUnavailable,
  type DocumentRecord,
  type DocumentStore,
  type DocumentStoreConfig,
  type IngestLimits,
} from './types.js';

type S3Config = Extract<DocumentStoreConfig, { kind: 's3' }>;

/** A fault of the object storage that is "not now": unreachable, throttled, a 5xx. */
function unavailable(err: unknown): DocumentStoreUnavailable | undefined {
  if (err instanceof S3ServiceException) {
    const status = err.$metadata?.httpStatusCode ?? 0;
    return status >= 500 || status === 429 || status === 0 ? new DocumentStoreUnavailable('对象存储暂时不可用', 15) : undefined;
  }
  const code = (err as { code?: string; name?: string }).code ?? (err as { name?: string }).name;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'TimeoutError', 'EPIPE'].includes(String(code)))
    return new DocumentStoreUnavailable('对象存储无法连接', 15);
  return undefined;
}

const notFound = (err: unknown) =>
  err instanceof S3ServiceException && (err.$metadata?.httpStatusCode === 404 || err.name === 'NotFound' || err.name === 'NoSuchKey');

export class S3DocumentStore implements DocumentStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(
    config: S3Config,
    private readonly tmp: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.bucket = config.bucket;
    this.prefix = config.prefix ?? '';
    const accessKeyId = config.accessKeyId ?? process.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = config.secretAccessKey ?? process.env.AWS_SECRET_ACCESS_KEY;
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle,
      ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
    });
  }

  private async guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw unavailable(err) ?? err;
    }
  }

  private blobKey = (sha256: string) => `${this.prefix}blobs/${sha256}`;
  private recordKey = (id: string) => `${this.prefix}records/${id}.json`;

  private async putRecord(record: DocumentRecord) {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.recordKey(record.id), Body: JSON.stringify(record), ContentType: 'application/json' }),
    );
  }

  async ingest(input: Readable, meta: { name: string; uploadedBy: string; projects: string[]; id?: string }, limits: IngestLimits): Promise<DocumentRecord> {
    await mkdir(this.tmp, { recursive: true, mode: 0o700 });
    return ingestVia(this.tmp, input, meta, limits, this.now, (received, record) =>
      this.guarded(async () => {
        // Write-once: bytes already in the bucket are not sent again.
        if (!(await this.headSize(received.sha256)))
          await this.client.send(
            new PutObjectCommand({
              Bucket: this.bucket,
              Key: this.blobKey(received.sha256),
              Body: createReadStream(received.file),
              ContentLength: received.size,
              ContentType: record.type,
              ChecksumSHA256: Buffer.from(received.sha256, 'hex').toString('base64'),
            }),
          );
        await this.putRecord(record);
      }),
    );
  }

  private async headSize(sha256: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.blobKey(sha256) }));
      return head.ContentLength;
    } catch (err) {
      if (notFound(err)) return undefined;
      throw err;
    }
  }

  async record(id: string): Promise<DocumentRecord | undefined> {
    if (!DOCUMENT_ID.test(id)) return undefined;
    return this.guarded(async () => {
      try {
        const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.recordKey(id) }));
        return JSON.parse(await got.Body!.transformToString('utf8')) as DocumentRecord;
      } catch (err) {
        if (notFound(err)) return undefined;
        throw err;
      }
    });
  }

  async bind(id: string, projectId: string): Promise<DocumentRecord> {
    const record = await this.record(id);
    if (!record) throw new DocumentMissing(id);
    if (record.projects.includes(projectId)) return record;
    const next = { ...record, projects: [...record.projects, projectId] };
    await this.guarded(() => this.putRecord(next));
    return next;
  }

  async holds(record: DocumentRecord): Promise<boolean> {
    return this.guarded(async () => (await this.headSize(record.sha256)) === record.size);
  }

  async open(record: DocumentRecord): Promise<Readable> {
    return this.guarded(async () => {
      try {
        const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.blobKey(record.sha256) }));
        return got.Body as Readable;
      } catch (err) {
        if (notFound(err)) throw new DocumentMissing(record.id);
        throw err;
      }
    });
  }

  async sweep(): Promise<number> {
    await mkdir(this.tmp, { recursive: true, mode: 0o700 });
    let removed = 0;
    for (const name of await readdir(this.tmp)) {
      await rm(path.join(this.tmp, name), { force: true });
      removed++;
    }
    return removed;
  }
}

/** The document store's vocabulary: records, the faults it answers with, and its interface (documents/store.ts). */
import type { Readable } from 'node:stream';

/** One uploaded file as the store keeps it. */
export interface DocumentRecord {
  /** 'd' + 32 lowercase hex, random. */
  id: string;
  /** SHA-256 of the bytes, 64 hex. */
  sha256: string;
  size: number;
  /** MIME type decided by content. */
  type: string;
  /** Display name as uploaded (control and direction characters removed); never used as a path. */
  name: string;
  uploadedBy: string;
  uploadedAt: string;
  /** Projects whose commands named it; empty: a draft of its uploader. */
  projects: string[];
}

/** A file refused for what it is (size, type, truncated, empty): 400, 413 or 415, with the field and the reason. */
export class DocumentRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly rule: string,
    message: string,
    readonly field = 'file',
  ) {
    super(message);
    this.name = 'DocumentRefused';
  }
}

/** The store cannot take or give files now (disk full, object storage unreachable): 503, try again later. */
export class DocumentStoreUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds = 30,
  ) {
    super(message);
    this.name = 'DocumentStoreUnavailable';
  }
}

/** A record whose bytes are gone. */
export class DocumentMissing extends Error {
  constructor(readonly id: string) {
    super(`document ${id}: its bytes are not in the store`);
    this.name = 'DocumentMissing';
  }
}

/** Limits of one file. */
export interface IngestLimits {
  maxBytes: number;
  /** Type names (documents/sniff.ts DOCUMENT_TYPES) accepted. */
  types: readonly string[];
}

/** Where documents are kept. */
export interface DocumentStore {
  /**
   * Stream one file in; refuses (DocumentRefused) what is too large, empty, of a type not allowed, lying about its type, or cut short.
   * With `id` (a document the product itself issues, numbered by what it records), the same id is written again, not a new one.
   */
  ingest(input: Readable, meta: { name: string; uploadedBy: string; projects: string[]; id?: string }, limits: IngestLimits): Promise<DocumentRecord>;
  record(id: string): Promise<DocumentRecord | undefined>;
  /** Adds a project to the record's projects (idempotent). */
  bind(id: string, projectId: string): Promise<DocumentRecord>;
  /** Whether the record's bytes are present. */
  holds(record: DocumentRecord): Promise<boolean>;
  /** The record's bytes; DocumentMissing when they are gone. */
  open(record: DocumentRecord): Promise<Readable>;
  /** Remove the temporary files of uploads that never finished (client gone, process killed); at start. */
  sweep(): Promise<number>;
}

/** A document id as the store issues them. */
export const DOCUMENT_ID = /^d[0-9a-f]{32}$/;

/** Disk faults that mean "not now" rather than "never": full, over quota, too many files open. */
export function unavailableOf(err: unknown): DocumentStoreUnavailable | undefined {
  const code = (err as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DocumentStoreUnavailable('文件存储空间已满');
  if (code === 'EMFILE' || code === 'ENFILE' || code === 'EIO' || code === 'EROFS') return new DocumentStoreUnavailable('文件存储暂时不可用');
  return undefined;
}

/** Where documents are kept, as temporal.config.ts `documents.store` says. */
export type DocumentStoreConfig =
  | { kind: 'local'; dir?: string | undefined }
  | {
      kind: 's3';
      endpoint?: string | undefined;
      region: string;
      bucket: string;
      prefix?: string | undefined;
      accessKeyId?: string | undefined;
      secretAccessKey?: string | undefined;
      forcePathStyle: boolean;
    };

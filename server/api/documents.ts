/**
 * Documents on the API (issue 21 item 2): multipart uploads streamed into the document store, the
 * check of every file a submission or an action names, and downloads under the project's access.
 *
 * An upload belongs to whoever uploaded it (a draft) until a signed command names it. From then on
 * the project's history is the authority: a document opens under a project's URL only when that
 * project's application or one of its steps names it by id and SHA-256, for someone who may see the
 * project (server/access.ts). No URL is public or outlives the credential that asks.
 */
import type { Readable } from 'node:stream';
import Busboy from 'busboy';
import { create as contentDisposition } from 'content-disposition';
import type { Express, Request, Response } from 'express';
import type { Issue } from '../../machines/shared/errors.js';
import { payloadRefusal } from '../../machines/payload-check.js';
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';
import { HttpError, notFound } from '../errors.js';
import type { User } from '../identity.js';
import { DocumentMissing, DocumentRefused, DocumentStoreUnavailable, type DocumentRecord, type DocumentStore } from '../../documents/store.js';

/** Upload limits (temporal.config.ts `documents`). */
export interface DocumentLimits {
  maxFileBytes: number;
  maxRequestBytes: number;
  maxFilesPerRequest: number;
  types: readonly string[];
}

/** What the document routes need. */
export interface DocumentsDeps {
  store: DocumentStore;
  limits: DocumentLimits;
}

/** A file as a payload names it (machines/shared/schemas.ts fileRef). */
export interface FileRef {
  id: string;
  sha256: string;
  name: string;
  size: number;
  type: string;
}

/** A record as a payload carries it: what the store decided, never what the client claimed. */
export const fileRefOf = (r: DocumentRecord): FileRef => ({ id: r.id, sha256: r.sha256, name: r.name, size: r.size, type: r.type });

/** A file named at a field of a payload. */
export interface NamedFile {
  field: string;
  id: string;
  sha256: string;
}

/** Types a browser shows itself; everything else downloads. */
const INLINE_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/** Every file a payload names: each element of a `files` array, with the field it sits at. */
export function namedFiles(data: unknown, field = 'data', depth = 0): NamedFile[] {
  if (depth > 12 || data === null || typeof data !== 'object') return [];
  if (Array.isArray(data)) return data.flatMap((v, i) => namedFiles(v, `${field}.${i}`, depth + 1));
  const out: NamedFile[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (key === 'files' && Array.isArray(value)) {
      value.forEach((f, i) => {
        const ref = f as Partial<FileRef> | null;
        if (ref && typeof ref === 'object' && typeof ref.id === 'string' && typeof ref.sha256 === 'string')
          out.push({ field: `${field}.files.${i}`, id: ref.id, sha256: ref.sha256 });
      });
    } else out.push(...namedFiles(value, `${field}.${key}`, depth + 1));
  }
  return out;
}

/** The same payload with every named file's name, size and type as the store recorded them. */
function withRecords(data: unknown, records: ReadonlyMap<string, DocumentRecord>, depth = 0): unknown {
  if (depth > 12 || data === null || typeof data !== 'object') return data;
  if (Array.isArray(data)) return data.map((v) => withRecords(v, records, depth + 1));
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => {
      if (key === 'files' && Array.isArray(value))
        return [
          key,
          value.map((f) => {
            const r = typeof (f as FileRef | null)?.id === 'string' ? records.get((f as FileRef).id) : undefined;
            return r ? fileRefOf(r) : f;
          }),
        ];
      return [key, withRecords(value, records, depth + 1)];
    }),
  );
}

const refused = (status: number, message: string, issues: Issue[]) => new HttpError(status, 'document_refused', message, issues);

/** The store's faults as the API answers them (503 with Retry-After, 400/413/415 naming the field). */
export function documentHttpError(err: unknown, field = 'file'): HttpError | undefined {
  if (err instanceof DocumentRefused) return refused(err.status, err.message, [{ field: err.field || field, rule: err.rule, message: err.message }]);
  if (err instanceof DocumentStoreUnavailable) return new DocumentsUnavailable(err.retryAfterSeconds);
  return undefined;
}

/** The document store cannot take or give files now; nothing in any project changed. */
export class DocumentsUnavailable extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(503, 'documents_unavailable', '文件存储暂时不可用，未作任何更改，请稍后重试', [
      { field: '(documents)', rule: 'unavailable', message: '文件存储暂时不可用' },
    ]);
  }
}

/**
 * The files a submission or an action names, checked before anything is signed: each is in the
 * store with the SHA-256 named, its bytes are still there, and it is the user's own upload or
 * already one of this project's. Answers the payload with the store's name, size and type of each,
 * and the records to bind once the command is applied.
 */
export async function checkNamedFiles(
  deps: DocumentsDeps | undefined,
  user: User,
  projectId: string | undefined,
  data: unknown,
  where = 'data',
): Promise<{ data: unknown; records: DocumentRecord[] }> {
  const named = namedFiles(data, where);
  if (named.length === 0) return { data, records: [] };
  if (!deps) throw refused(400, '本服务未配置文件存储，不能引用上传的文件', [{ field: named[0]!.field, rule: 'no_store', message: '未配置文件存储' }]);
  const records = new Map<string, DocumentRecord>();
  const issues: Issue[] = [];
  try {
    for (const f of named) {
      const record = records.get(f.id) ?? (await deps.store.record(f.id));
      if (!record) {
        issues.push({ field: `${f.field}.id`, rule: 'unknown_document', message: '文件不存在或未上传完成，请重新上传' });
        continue;
      }
      if (record.sha256 !== f.sha256) {
        issues.push({ field: `${f.field}.sha256`, rule: 'hash_mismatch', message: '文件的 SHA-256 与存储的内容不符' });
        continue;
      }
      if (record.uploadedBy !== user.id && !(projectId && record.projects.includes(projectId))) {
        issues.push({ field: `${f.field}.id`, rule: 'not_yours', message: '只能引用本人上传的文件或本项目已有的文件' });
        continue;
      }
      if (!records.has(f.id) && !(await deps.store.holds(record))) {
        issues.push({ field: `${f.field}.id`, rule: 'document_lost', message: '文件内容已丢失，请重新上传' });
        continue;
      }
      records.set(f.id, record);
    }
  } catch (err) {
    throw documentHttpError(err) ?? err;
  }
  if (issues.length) throw refused(400, issues[0]!.message, issues);
  return { data: withRecords(data, records), records: [...records.values()] };
}

/**
 * A project on a chart version from before uploaded files keeps its text references: files sent
 * to it are refused here, naming the field, before anything is signed (the workflow's check of the
 * version's frozen schema refuses them too, in its own words).
 */
export function assertVersionTakesFiles(view: Pick<ProjectView, 'jurisdiction' | 'chartVersion'>, task: string, action: string, data: unknown): void {
  const named = namedFiles(data, 'data');
  if (!named.length) return;
  const refusal = payloadRefusal(view.jurisdiction, view.chartVersion, task, action, data);
  const filesRefused = refusal?.issues.filter((i) => i.field.endsWith('.files') && i.rule === 'false') ?? [];
  if (!filesRefused.length) return;
  const message = `项目所用规程版本（v${view.chartVersion}）只接受文号，不能上传文件`;
  throw refused(
    400,
    message,
    filesRefused.map((i) => ({ field: i.field, rule: 'chart_version', message })),
  );
}

/** After a command naming them is applied: the records know the project (best effort; the history is the authority). */
export async function bindRecords(
  deps: DocumentsDeps | undefined,
  records: readonly DocumentRecord[],
  projectId: string,
  log: (e: Record<string, unknown>) => void,
) {
  for (const r of records) {
    if (r.projects.includes(projectId)) continue;
    await deps?.store
      .bind(r.id, projectId)
      .catch((err: unknown) => log({ level: 'warn', msg: 'document bind failed', documentId: r.id, projectId, error: String(err) }));
  }
}

/** Whether a project's application or any step names the document with these bytes. */
export function projectNames(
  view: Pick<ProjectView, 'application'>,
  trail: readonly Pick<HistoryEntry, 'data' | 'issued'>[],
  id: string,
  sha256: string,
): boolean {
  const match = (f: Pick<NamedFile, 'id' | 'sha256'>) => f.id === id && f.sha256 === sha256;
  return (
    namedFiles(view.application ?? {}).some(match) ||
    trail.some((h) => namedFiles(h.data ?? {}).some(match) || (h.issued !== undefined && match(h.issued.document)))
  );
}

/**
 * Parse a multipart request and stream each file part into the store, one after another; fields
 * other than files are refused. Answers the records, or throws the first refusal.
 */
export function receiveUploads(req: Request, deps: DocumentsDeps, user: User): Promise<DocumentRecord[]> {
  const { limits } = deps;
  const type = req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type))
    return Promise.reject(
      new HttpError(415, 'unsupported_media_type', '上传文件请使用 multipart/form-data', [
        { field: 'header.Content-Type', rule: 'multipart', message: '应为 multipart/form-data' },
      ]),
    );
  const declared = Number(req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxRequestBytes) return Promise.reject(tooLarge('(body)', limits.maxRequestBytes, '一次上传的总大小'));
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        // One byte over the limit lets the store see the file is too large and refuse it (413).
        limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFilesPerRequest, fields: 20, fieldSize: 1024, parts: limits.maxFilesPerRequest + 20 },
      });
    } catch {
      reject(new HttpError(400, 'invalid_request', 'multipart 请求格式无效', [{ field: 'header.Content-Type', rule: 'boundary', message: '缺少 boundary' }]));
      return;
    }
    const records: DocumentRecord[] = [];
    let chain: Promise<void> = Promise.resolve();
    let failed: unknown;
    let received = 0;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = err;
      req.unpipe(busboy);
      // Read what the client still sends, so the answer reaches it; nothing more is stored.
      req.resume();
      reject(err);
    };
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxRequestBytes) fail(tooLarge('(body)', limits.maxRequestBytes, '一次上传的总大小'));
    });
    req.on('aborted', () => fail(new HttpError(400, 'invalid_request', '上传中断', [{ field: '(body)', rule: 'aborted', message: '上传中断' }])));
    busboy.on('file', (field, stream: Readable, info) => {
      const name = info.filename ?? '';
      chain = chain.then(async () => {
        if (failed) {
          stream.resume();
          return;
        }
        if (!name.trim()) {
          stream.resume();
          throw refused(400, `${field}：缺少文件名`, [{ field, rule: 'filename', message: '缺少文件名' }]);
        }
        try {
          records.push(await deps.store.ingest(stream, { name, uploadedBy: user.id, projects: [] }, { maxBytes: limits.maxFileBytes, types: limits.types }));
        } catch (err) {
          stream.resume();
          const http = documentHttpError(err, field);
          if (http && err instanceof DocumentRefused)
            throw refused(http.status, `${field}（${name.slice(0, 60)}）：${err.message}`, [{ ...http.issues[0]!, field }]);
          throw http ?? err;
        }
      });
      chain.catch(fail);
    });
    busboy.on('field', (field) =>
      fail(refused(400, `不接受表单字段 ${field.slice(0, 40)}：只上传文件`, [{ field: field.slice(0, 40), rule: 'not_a_file', message: '只接受文件' }])),
    );
    busboy.on('filesLimit', () =>
      fail(
        refused(413, `一次最多上传 ${limits.maxFilesPerRequest} 个文件`, [
          { field: '(body)', rule: 'max_files', message: `最多 ${limits.maxFilesPerRequest} 个文件` },
        ]),
      ),
    );
    busboy.on('partsLimit', () => fail(refused(413, '请求的部分过多', [{ field: '(body)', rule: 'max_parts', message: '请求的部分过多' }])));
    busboy.on('error', (err) =>
      fail(
        new HttpError(400, 'invalid_request', `multipart 请求格式无效：${String((err as Error).message).slice(0, 80)}`, [
          { field: '(body)', rule: 'multipart', message: 'multipart 格式无效' },
        ]),
      ),
    );
    busboy.on('close', () => {
      void chain.then(() => {
        if (failed) return;
        if (records.length === 0) reject(refused(400, '请求中没有文件', [{ field: 'file', rule: 'required', message: '应上传至少一个文件' }]));
        else resolve(records);
      }, fail);
    });
    req.pipe(busboy);
  });
}

const tooLarge = (field: string, bytes: number, what: string) =>
  refused(413, `${what}超过 ${Math.round(bytes / 1024 / 1024)} MB`, [{ field, rule: 'max_size', message: `超过 ${Math.round(bytes / 1024 / 1024)} MB` }]);

/** A document id as the store issues them. */
const DOCUMENT_ID = /^d[0-9a-f]{32}$/;

/** Send a document's bytes: its type, an RFC 6266 name, inline only for what a browser shows itself, sandboxed. */
export async function sendDocument(res: Response, deps: DocumentsDeps, record: DocumentRecord, opts: { download?: boolean } = {}) {
  let body: Readable;
  try {
    body = await deps.store.open(record);
  } catch (err) {
    if (err instanceof DocumentMissing)
      throw new HttpError(410, 'document_lost', '文件内容已丢失', [{ field: 'documentId', rule: 'document_lost', message: '文件内容已丢失' }]);
    throw documentHttpError(err) ?? err;
  }
  const inline = !opts.download && INLINE_TYPES.has(record.type);
  res.status(200);
  res.setHeader('Content-Type', record.type);
  res.setHeader('Content-Length', String(record.size));
  res.setHeader('Content-Disposition', contentDisposition(record.name, { type: inline ? 'inline' : 'attachment' }));
  // A document never runs script in the product's origin, whatever it holds.
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('ETag', `"${record.sha256}"`);
  res.setHeader('Digest', `sha-256=${Buffer.from(record.sha256, 'hex').toString('base64')}`);
  await new Promise<void>((resolve) => {
    body.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      body.destroy();
      resolve();
    });
    body.pipe(res);
  });
}

/** Mount the document routes of API v1. */
export function useDocumentRoutes(
  app: Express,
  deps: {
    documents: DocumentsDeps | undefined;
    userOf: (req: Request, res: Response) => User;
    openProject: (user: User, id: string) => Promise<{ view: ProjectView; trail: readonly HistoryEntry[]; whole: () => Promise<readonly HistoryEntry[]> }>;
    idOf: (req: Request) => string;
  },
) {
  const store = () => {
    if (!deps.documents) throw notFound('本服务未配置文件存储');
    return deps.documents;
  };
  const documentId = (req: Request) => {
    const id = String(req.params.documentId);
    if (!DOCUMENT_ID.test(id)) throw notFound('文件不存在');
    return id;
  };

  // Upload: the user's drafts, named by a submission or an action afterwards.
  app.post('/v1/documents', async (req, res) => {
    const user = deps.userOf(req, res);
    const documents = store();
    try {
      const records = await receiveUploads(req, documents, user);
      res.status(201).json({ documents: records.map((r) => ({ ...fileRefOf(r), uploadedAt: r.uploadedAt })) });
    } catch (err) {
      // A refusal while the client is still sending: answer, then close, so nothing more is read.
      res.setHeader('Connection', 'close');
      throw documentHttpError(err) ?? err;
    }
  });

  // A draft: its uploader alone, until a project names it.
  app.get('/v1/documents/:documentId', async (req, res) => {
    const user = deps.userOf(req, res);
    const documents = store();
    const record = await documents.store.record(documentId(req)).catch((err: unknown) => {
      throw documentHttpError(err) ?? err;
    });
    if (!record || record.uploadedBy !== user.id) throw notFound('文件不存在');
    await sendDocument(res, documents, record, { download: req.query.download === '1' });
  });

  // A project's document: whoever may see the project, when the project names it.
  app.get('/v1/projects/:id/documents/:documentId', async (req, res) => {
    const user = deps.userOf(req, res);
    const id = deps.idOf(req);
    const docId = documentId(req);
    const documents = store();
    const { view, trail, whole } = await deps.openProject(user, id);
    const record = await documents.store.record(docId).catch((err: unknown) => {
      throw documentHttpError(err) ?? err;
    });
    if (!record || !(projectNames(view, trail, docId, record.sha256) || projectNames({}, await whole(), docId, record.sha256)))
      throw notFound('该项目没有这个文件');
    await sendDocument(res, documents, record, { download: req.query.download === '1' });
  });
}

/**
 * Forms with files (issue 21 item 2): a multipart POST of the pages is read here, before the CSRF
 * check, as the form it stands for. Its `_csrf` field comes first in every form (server/pages/layout.tsx
 * Csrf), and it is checked before any file is taken: a forged form stores nothing. Each file is
 * streamed into the document store as a draft of the signed-in user, and the form body carries it
 * as JSON under its input's name, where server/pages/forms.tsx readForm finds it beside the files
 * kept from before. The route then names them in its command as the API does (server/api/documents.ts).
 */
import type { Readable } from 'node:stream';
import Busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';
import { documentHttpError, fileRefOf, type DocumentsDeps } from '../api/documents.js';
import type { Issue } from '../../machines/shared/errors.js';
import { HttpError } from '../errors.js';
import type { Identities } from '../identity.js';
import { csrf, sessionUser } from '../sessions.js';

/** Text fields a form may send, and their size (the urlencoded parser's limits). */
const FIELD_LIMITS = { fields: 500, fieldSize: 100 * 1024 };

/** The middleware reading multipart page forms into req.body; other requests pass untouched. */
export function multipartForms(deps: { documents?: DocumentsDeps | undefined; identities: Identities }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !/^multipart\/form-data\s*;/i.test(req.header('content-type') ?? '')) return next();
    void read(req, res, deps).then(
      () => next(),
      (err: unknown) => {
        res.setHeader('Connection', 'close');
        next(err);
      },
    );
  };
}

async function read(req: Request, res: Response, deps: { documents?: DocumentsDeps | undefined; identities: Identities }) {
  const documents = deps.documents;
  const limits = documents?.limits;
  const declared = Number(req.header('content-length') ?? NaN);
  if (limits && Number.isFinite(declared) && declared > limits.maxRequestBytes)
    throw new HttpError(413, 'document_refused', `一次提交的文件总大小超过 ${Math.round(limits.maxRequestBytes / 1024 / 1024)} MB`, [
      { field: '(body)', rule: 'max_size', message: '提交内容过大' },
    ]);
  const user = await sessionUser(req, deps.identities);
  const body: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const had = body[name];
    body[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  };
  await new Promise<void>((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { ...FIELD_LIMITS, files: limits?.maxFilesPerRequest ?? 0, fileSize: (limits?.maxFileBytes ?? 0) + 1 },
      });
    } catch {
      reject(new HttpError(400, 'invalid_request', '表单格式无效', [{ field: '(body)', rule: 'multipart', message: '表单格式无效' }]));
      return;
    }
    let failed = false;
    const refused: FileIssue[] = [];
    res.locals.fileIssues = refused;
    let csrfChecked = false;
    let chain: Promise<void> = Promise.resolve();
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(busboy);
      req.resume();
      reject(err);
    };
    busboy.on('field', (name, value) => {
      if (failed) return;
      if (!csrfChecked && name === '_csrf') {
        // The form's token, checked now: nothing is stored for a form this session did not issue.
        req.body = { _csrf: value };
        if (!csrf.isRequestValid(req)) return fail(csrf.invalidCsrfTokenError);
        csrfChecked = true;
      }
      add(name, value);
    });
    busboy.on('file', (name, stream: Readable, info) => {
      chain = chain.then(async () => {
        if (failed) return void stream.resume();
        if (!csrfChecked) {
          stream.resume();
          throw csrf.invalidCsrfTokenError;
        }
        // An empty file input sends a part without a name or bytes: nothing chosen.
        if (!info.filename) return void stream.resume();
        if (!user) {
          stream.resume();
          throw new HttpError(401, 'unauthenticated', '请先登录', [{ field: '(session)', rule: 'required', message: '请先登录' }]);
        }
        if (!documents) {
          stream.resume();
          throw new HttpError(400, 'document_refused', '本服务未配置文件存储，不能上传文件', [{ field: name, rule: 'no_store', message: '未配置文件存储' }]);
        }
        try {
          const record = await documents.store.ingest(
            stream,
            { name: info.filename, uploadedBy: user.id, projects: [] },
            { maxBytes: documents.limits.maxFileBytes, types: documents.limits.types },
          );
          add(name, JSON.stringify(fileRefOf(record)));
        } catch (err) {
          stream.resume();
          const http = documentHttpError(err, name);
          // A refused file (type, size, truncated) is an issue of its field: the form comes back with it.
          if (http && http.status !== 503)
            refused.push({
              status: http.status,
              issue: { ...(http.issues[0] ?? { rule: 'refused' }), field: name, message: `${info.filename.slice(0, 60)}：${http.message}` },
            });
          else throw http ?? err;
        }
      });
      chain.catch(fail);
    });
    busboy.on('filesLimit', () =>
      fail(
        new HttpError(413, 'document_refused', `一次最多上传 ${limits?.maxFilesPerRequest ?? 0} 个文件`, [
          { field: '(body)', rule: 'max_files', message: '文件过多' },
        ]),
      ),
    );
    busboy.on('fieldsLimit', () =>
      fail(new HttpError(413, 'payload_too_large', '表单字段过多', [{ field: '(body)', rule: 'max_fields', message: '表单字段过多' }])),
    );
    busboy.on('error', () => fail(new HttpError(400, 'invalid_request', '表单格式无效', [{ field: '(body)', rule: 'multipart', message: '表单格式无效' }])));
    busboy.on('close', () => void chain.then(() => (failed ? undefined : resolve()), fail));
    req.pipe(busboy);
  });
  req.body = body;
  res.locals.multipart = true;
}

/** A file of a form the store refused, with the status it answers (400, 413, 415). */
export interface FileIssue {
  status: number;
  issue: Issue;
}

/**
 * The files of the form just read that the store refused: the route shows the form again with
 * each message beside its file input, as for any other field, and sends nothing.
 */
export const fileIssuesOf = (res: Response): FileIssue[] => (res.locals.fileIssues as FileIssue[] | undefined) ?? [];

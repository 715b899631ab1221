/**
 * Documents through the HTTP API on the dev server (issue 21 item 2): an applicant uploads real
 * files, names them in an application and in a step; a reviewer opens them under the project; every
 * refusal answers with its status and the field; nothing is visible where it should not be.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jingle } from '../../machines/jingle/index.js';
import { localDocumentStore } from '../../documents/store.js';
import type { DocumentsDeps } from '../../server/api/documents.js';
import { ProjectService } from '../../server/projects.js';
import { testApp } from '../helpers/app.js';
import { morningOf, serverToday, submissionDay } from '../helpers/clock.js';
import { minimalPdf, minimalPng, pdfText, sha256 } from '../helpers/documents.js';
import { eventually } from '../helpers/eventually.js';
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';
import { testIdentities } from '../helpers/identities.js';
import { startDevStack, testSigner, type DevStack } from '../helpers/temporal.js';
import { jingleApplication } from '../fixtures/jingle.js';

const ids = testIdentities();
const APPLICANT = 'jingle.fixture-applicant';
const REVIEWER = 'jingle.infobureau';
let stack: DevStack;
let app: ReturnType<typeof testApp>;
let dir: string;
let documents: DocumentsDeps;
const day = submissionDay(jingle.regulation, serverToday());
const now = () => morningOf(day);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'documents-api-'));
  documents = {
    store: localDocumentStore(dir, now),
    limits: { maxFileBytes: 256 * 1024, maxRequestBytes: 1024 * 1024, maxFilesPerRequest: 2, types: ['pdf', 'ofd', 'docx', 'xlsx', 'jpeg', 'png', 'zip'] },
  };
  // The worker stores the opinions it issues where the API reads documents, as `npm start` runs them.
  stack = await startDevStack({ store: documents.store });
  app = testApp({
    projects: new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() }),
    dataDir: stack.dataDir,
    identities: ids.identities,
    now,
    documents,
  });
});
afterAll(async () => {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const upload = (user: string, files: Array<{ bytes: Buffer; name: string; field?: string }>) => {
  let req = request(app).post('/v1/documents').set('Authorization', ids.bearer(user));
  for (const f of files) req = req.attach(f.field ?? 'file', f.bytes, { filename: f.name, contentType: 'application/octet-stream' });
  return req;
};
/** The entries of a ZIP, by name. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}
const binary = (req: request.Test) =>
  req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

describe('uploading', () => {
  it('keeps a PDF with its Chinese name, its hash and the type its bytes are', async () => {
    const pdf = minimalPdf('proposal');
    const res = await upload(APPLICANT, [{ bytes: pdf, name: '项目建议书（2026）.pdf' }]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.documents).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^d[0-9a-f]{32}$/),
        sha256: sha256(pdf),
        name: '项目建议书（2026）.pdf',
        size: pdf.length,
        type: 'application/pdf',
      }),
    ]);
    // A draft opens for its uploader alone.
    const own = await binary(request(app).get(`/v1/documents/${res.body.documents[0].id}`).set('Authorization', ids.bearer(APPLICANT)));
    expect(own.status).toBe(200);
    expect(sha256(own.body as Buffer)).toBe(sha256(pdf));
    const other = await request(app).get(`/v1/documents/${res.body.documents[0].id}`).set('Authorization', ids.bearer(REVIEWER));
    expect(other.status).toBe(404);
  });

  it.each([
    ['a file whose name says PDF and whose bytes are PNG', [{ bytes: minimalPng(), name: '合同.pdf' }], 415, 'file'],
    ['a program', [{ bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(600, 1)]), name: 'setup.exe' }], 415, 'file'],
    ['HTML', [{ bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: '说明.html' }], 415, 'file'],
    ['an empty file', [{ bytes: Buffer.alloc(0), name: '空.pdf' }], 400, 'file'],
    ['a truncated PDF', [{ bytes: minimalPdf().subarray(0, 200), name: '截断.pdf' }], 400, 'file'],
    ['a file over the limit', [{ bytes: Buffer.concat([minimalPdf(), Buffer.alloc(300 * 1024, 32), Buffer.from('\n%%EOF\n')]), name: '大.pdf' }], 413, 'file'],
    ['more files than one request takes', [1, 2, 3].map((i) => ({ bytes: minimalPdf(`n${i}`), name: `${i}.pdf` })), 413, '(body)'],
  ])('refuses %s, naming the field', async (_what, files, status, field) => {
    const res = await upload(APPLICANT, files);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.issues[0].field).toBe(field);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a JSON body and a request without a file', async () => {
    const json = await request(app).post('/v1/documents').set('Authorization', ids.bearer(APPLICANT)).send({ file: 'x' });
    expect(json.status).toBe(415);
    expect(json.body.error.issues[0].field).toBe('header.Content-Type');
    const none = await request(app).post('/v1/documents').set('Authorization', ids.bearer(APPLICANT)).field('note', 'x');
    expect(none.status).toBe(400);
  });

  it('refuses without a credential', async () => {
    const res = await request(app).post('/v1/documents').attach('file', minimalPdf(), '项目建议书.pdf');
    expect(res.status).toBe(401);
  });
});

describe('a project with documents', () => {
  it('names uploads in its application and a step; reviewers open them under the project only', async () => {
    const proposal = minimalPdf('proposal v1');
    const up = await upload(APPLICANT, [{ bytes: proposal, name: '项目建议书.pdf' }]);
    expect(up.status).toBe(201);
    const doc = up.body.documents[0];
    const withFile = (file: Record<string, unknown>) =>
      jingleApplication({
        materials: {
          ...(jingleApplication().materials as object),
          proposal: { ref: '静行审〔2026〕1号', title: '项目建议书', files: [file] },
        },
      });

    // Refused before anything starts: a hash that is not the bytes', an unknown id, another user's upload.
    const tampered = await request(app)
      .post('/v1/projects')
      .set('Authorization', ids.bearer(APPLICANT))
      .send({ jurisdiction: 'jingle', application: withFile({ ...doc, sha256: sha256(Buffer.from('other')) }) });
    expect(tampered.status, JSON.stringify(tampered.body)).toBe(400);
    expect(tampered.body.error.issues[0].field).toBe('application.materials.proposal.files.0.sha256');
    const unknown = await request(app)
      .post('/v1/projects')
      .set('Authorization', ids.bearer(APPLICANT))
      .send({ jurisdiction: 'jingle', application: withFile({ ...doc, id: `d${'0'.repeat(32)}` }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].field).toBe('application.materials.proposal.files.0.id');
    const reviewerUpload = await upload(REVIEWER, [{ bytes: minimalPdf('reviewer'), name: '评审意见.pdf' }]);
    const notYours = await request(app)
      .post('/v1/projects')
      .set('Authorization', ids.bearer(APPLICANT))
      .send({ jurisdiction: 'jingle', application: withFile(reviewerUpload.body.documents[0]) });
    expect(notYours.status).toBe(400);
    expect(notYours.body.error.issues[0].rule).toBe('not_yours');

    // The payload carries what the store recorded, not what the client claimed.
    const created = await request(app)
      .post('/v1/projects')
      .set('Authorization', ids.bearer(APPLICANT))
      .send({ jurisdiction: 'jingle', application: withFile({ ...doc, name: 'claimed.exe', size: 1, type: 'text/html' }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.projectId as string;
    expect(created.body.application.materials.proposal.files).toEqual([
      { id: doc.id, sha256: sha256(proposal), name: '项目建议书.pdf', size: proposal.length, type: 'application/pdf' },
    ]);

    // The reviewer the project awaits opens it: inline, its type, an RFC 6266 name, sandboxed, the bytes uploaded.
    const opened = await binary(request(app).get(`/v1/projects/${id}/documents/${doc.id}`).set('Authorization', ids.bearer(REVIEWER)));
    expect(opened.status).toBe(200);
    expect(opened.headers['content-type']).toBe('application/pdf');
    expect(opened.headers['content-disposition']).toMatch(/^inline; filename="[^"]*"; filename\*=UTF-8''%E9%A1%B9%E7%9B%AE/);
    expect(opened.headers['content-security-policy']).toMatch(/sandbox/);
    expect(opened.headers['x-content-type-options']).toBe('nosniff');
    expect(sha256(opened.body as Buffer)).toBe(sha256(proposal));
    const download = await request(app).get(`/v1/projects/${id}/documents/${doc.id}?download=1`).set('Authorization', ids.bearer(REVIEWER));
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);

    // Not under another project, not to another jurisdiction, not after revocation, not unnamed documents.
    const second = await request(app)
      .post('/v1/projects')
      .set('Authorization', ids.bearer(APPLICANT))
      .send({ jurisdiction: 'jingle', application: jingleApplication() });
    expect(second.status).toBe(201);
    const elsewhere = await request(app).get(`/v1/projects/${second.body.projectId}/documents/${doc.id}`).set('Authorization', ids.bearer(REVIEWER));
    expect(elsewhere.status).toBe(404);
    const unnamed = await request(app).get(`/v1/projects/${id}/documents/${reviewerUpload.body.documents[0].id}`).set('Authorization', ids.bearer(REVIEWER));
    expect(unnamed.status).toBe(404);
    const foreign = await request(app).get(`/v1/projects/${id}/documents/${doc.id}`).set('Authorization', ids.bearer('weishan.admin'));
    expect(foreign.status).toBe(403);

    // A step names a file too: returned for revision, the applicant sends a revised plan.
    const returned = await request(app)
      .post(`/v1/projects/${id}/tasks/review/actions`)
      .set('Authorization', ids.bearer(REVIEWER))
      .send({ action: 'return', comment: '请补充建设方案的安全设计' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    // The return is issued as the 县政务信息管理局's 审核意见: numbered in its year's series, a PDF
    // under the project for the applicant, linked to the decision it sets down.
    const decision = (returned.body.history as HistoryEntry[]).at(-1)!;
    const issuedView = await eventually(
      async () => (await request(app).get(`/v1/projects/${id}`).set('Authorization', ids.bearer(APPLICANT))).body as ProjectView,
      (v) => v.history.some((h) => h.kind === 'document'),
      { ms: 20_000, what: 'the return issued as an opinion' },
    );
    const year = new Date(Date.parse(decision.at) + 8 * 3_600_000).getUTCFullYear();
    const opinion = issuedView.history.find((h) => h.kind === 'document')!;
    expect(opinion).toMatchObject({
      message: `印发审核意见：静乐县政务信息管理局〔${year}〕1号`,
      issued: { kind: '审核意见', number: `静乐县政务信息管理局〔${year}〕1号`, for: decision.seq, document: { type: 'application/pdf' } },
    });
    const opinionPdf = await binary(
      request(app).get(`/v1/projects/${id}/documents/${opinion.issued!.document.id}`).set('Authorization', ids.bearer(APPLICANT)),
    );
    expect(opinionPdf.status).toBe(200);
    expect(opinionPdf.headers['content-type']).toBe('application/pdf');
    expect(sha256(opinionPdf.body as Buffer)).toBe(opinion.issued!.document.sha256);
    const opinionText = (await pdfText(opinionPdf.body as Buffer)).replace(/\s+/g, '');
    expect(opinionText).toContain(`静乐县政务信息管理局〔${year}〕1号`);
    expect(opinionText).toContain('请补充建设方案的安全设计');
    // Not under the other project.
    const opinionElsewhere = await request(app)
      .get(`/v1/projects/${second.body.projectId}/documents/${opinion.issued!.document.id}`)
      .set('Authorization', ids.bearer(REVIEWER));
    expect(opinionElsewhere.status).toBe(404);
    const revised = minimalPdf('plan v2');
    const up2 = await upload(APPLICANT, [{ bytes: revised, name: '修改后建设方案.pdf' }]);
    const resubmitted = await request(app)
      .post(`/v1/projects/${id}/tasks/revision/actions`)
      .set('Authorization', ids.bearer(APPLICANT))
      .send({ action: 'submit', data: { revisedPlan: { ref: '静行审〔2026〕2号', files: [up2.body.documents[0]] } } });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);
    const step = await binary(request(app).get(`/v1/projects/${id}/documents/${up2.body.documents[0].id}`).set('Authorization', ids.bearer(REVIEWER)));
    expect(step.status).toBe(200);
    expect(sha256(step.body as Buffer)).toBe(sha256(revised));
    // The signed command in the audit trail carries the hash of the bytes the step was taken on.
    const audit = await request(app).get(`/v1/projects/${id}/audit`).set('Authorization', ids.bearer(`jingle.admin`));
    const entry = (audit.body as Array<{ task?: string; data?: { revisedPlan?: { files?: Array<{ sha256: string }> } }; command?: unknown }>).find(
      (h) => h.task === 'revision',
    );
    expect(entry?.data?.revisedPlan?.files?.[0]?.sha256).toBe(sha256(revised));
    expect(entry?.command).toBeDefined();

    // The case archive: the closed-project package with the application and every document's bytes, each hashed in the manifest.
    const archive = await binary(request(app).get(`/v1/projects/${id}/archive`).set('Authorization', ids.bearer(REVIEWER)));
    expect(archive.status).toBe(200);
    expect(archive.headers['content-type']).toBe('application/zip');
    const entries = await unzip(archive.body as Buffer);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({ format: 'gov-it-project-archive', projectId: id, chartVersion: 3 });
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(['audit.json', 'chart.json', 'application.json']);
    for (const f of manifest.files as Array<{ name: string; sha256: string }>) expect(sha256(entries.get(f.name)!), f.name).toBe(f.sha256);
    expect(manifest.documents.map((d: { name: string }) => d.name)).toEqual([
      '项目建议书.pdf',
      `静乐县政务信息管理局〔${year}〕1号审核意见.pdf`,
      '修改后建设方案.pdf',
    ]);
    for (const d of manifest.documents as Array<{ path: string; sha256: string }>) expect(sha256(entries.get(d.path)!)).toBe(d.sha256);
    expect(JSON.parse(entries.get('application.json')!.toString('utf8')).materials.proposal.files[0].id).toBe(doc.id);
    const outsiderArchive = await request(app).get(`/v1/projects/${id}/archive`).set('Authorization', ids.bearer('weishan.admin'));
    expect(outsiderArchive.status).toBe(403);

    // A step naming a document whose bytes the store lost is refused with the field; nothing is recorded.
    const third = await upload(APPLICANT, [{ bytes: minimalPdf('lost'), name: '丢失.pdf' }]);
    const record = await documents.store.record(third.body.documents[0].id);
    rmSync(path.join(dir, 'documents', 'blobs', record!.sha256.slice(0, 2), record!.sha256));
    const lost = await request(app)
      .post(`/v1/projects/${id}/tasks/revision/actions`)
      .set('Authorization', ids.bearer(APPLICANT))
      .send({ action: 'submit', data: { revisedPlan: { files: [third.body.documents[0]] } } });
    expect(lost.status).toBe(400);
    expect(lost.body.error.issues[0]).toMatchObject({ field: 'data.revisedPlan.files.0.id', rule: 'document_lost' });

    // Revoked: the token that opened it opens nothing.
    ids.identities.revokeTokens(REVIEWER);
    const revoked = await request(app).get(`/v1/projects/${id}/documents/${doc.id}`).set('Authorization', ids.bearer(REVIEWER));
    expect(revoked.status).toBe(401);
  });
});

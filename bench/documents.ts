/**
 * Documents in the benchmark (issue 21): a 20 MB PDF uploaded through the API into the embedded
 * store, in MB/s beside a plain copy of the same file on the same disk (read, write, fsync, as the
 * store does); and the project page of a project whose application names 30 documents, server time.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Calendar } from '../activities/calendar.js';
import { loadConfig } from '../temporal.config.js';
import { servedLog, timedSession, type Served } from './session.js';
import { openLists } from '../server/read-model/keeper.js';
import { openMemoryPglite } from '../server/read-model/sql.js';
import { createApp } from '../server/app.js';
import { DOCUMENT_TYPE_NAMES } from '../documents/sniff.js';
import { localDocumentStore } from '../documents/store.js';
import { Identities, seedDevelopmentUsers } from '../server/identity.js';
import type { ProjectService } from '../server/projects.js';

const MB = 1024 * 1024;

/** A valid PDF of about `bytes`: a header, a comment body, and the end a viewer looks for. */
function bigPdf(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  const tail = Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  const body = Buffer.alloc(bytes - head.length - tail.length, 0x25);
  // Not all the same byte: a run of comments, as a scanned PDF's streams would not compress either.
  for (let i = 0; i < body.length; i += 4096) body[i] = 0x0a;
  return Buffer.concat([head, body, tail]);
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const hasCurl = () => spawnSync('curl', ['--version']).status === 0;

/** POST a file as multipart with curl in its own process, or from this process when there is no curl; the status. */
async function uploadFrom(server: Server, file: string, authorization: string): Promise<number> {
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/v1/documents`;
  if (!hasCurl())
    return (await request(url.replace('/v1/documents', '')).post('/v1/documents').set('Authorization', authorization).attach('file', file, '大文件.pdf'))
      .status;
  return new Promise((resolve, reject) => {
    const child = spawn('curl', [
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-H',
      `Authorization: ${authorization}`,
      '-F',
      `file=@${file};filename=big.pdf`,
      url,
    ]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(Number(out)));
  });
}

export interface DocumentSpeed {
  client?: string;
  uploadMiB: number;
  uploadMBps: number;
  copyMBps: number;
  ratio: number;
  documents: number;
  projectPageMs: { p50: number; p95: number };
  samples: number;
}

export async function documentSpeed(projects: ProjectService, samples: number): Promise<DocumentSpeed> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-documents-'));
  try {
    const identities = Identities.open();
    const tokens = new Map(seedDevelopmentUsers(identities).map(({ user, token }) => [user.id, token]));
    const store = localDocumentStore(dir);
    const served: Served = [];
    const lists = await openLists({ sql: await openMemoryPglite(), projects, source: projects.source(), keeper: { pollMs: 60_000 } });
    const app = createApp({
      projects: lists.projects,
      lists: lists.keeper,
      identities,
      health: async () => ({ temporal: true, workerPolling: true }),
      log: servedLog(served),
      pages: { calendar: new Calendar(loadConfig(process.env).calendar.years) },
      documents: { store, limits: { maxFileBytes: 50 * MB, maxRequestBytes: 200 * MB, maxFilesPerRequest: 10, types: DOCUMENT_TYPE_NAMES } },
    });
    const bearer = (id: string) => `Bearer ${tokens.get(id)}`;
    // The client in a process of its own (curl, as a browser is), so the server's time alone is measured.
    const server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

    // Upload of a 20 MB PDF (each a different file, so each is stored anew), beside a plain copy with fsync.
    const size = 20 * MB;
    const uploads: number[] = [];
    const copies: number[] = [];
    const source = path.join(dir, 'source.pdf');
    for (let i = 0; i < 5; i++) {
      const pdf = bigPdf(size);
      pdf.write(String(i).padStart(8, '0'), 20, 'latin1');
      writeFileSync(source, pdf);
      const t0 = performance.now();
      const status = await uploadFrom(server, source, bearer('jingle.applicant'));
      if (status !== 201) throw new Error(`upload: ${status}`);
      uploads.push(performance.now() - t0);
      const target = path.join(dir, `copy-${i}.pdf`);
      const t1 = performance.now();
      await pipeline(createReadStream(source), createWriteStream(target));
      const handle = await open(target, 'r+');
      await handle.sync();
      await handle.close();
      copies.push(performance.now() - t1);
    }
    const mbps = (ms: number) => size / MB / (ms / 1000);
    const uploadMBps = round(mbps(percentile(uploads, 50)));
    const copyMBps = round(mbps(percentile(copies, 50)));

    // A project whose application names 30 documents (静乐: five materials of six files each).
    const files: unknown[] = [];
    for (let i = 0; i < 30; i++) {
      const up = await request(app)
        .post('/v1/documents')
        .set('Authorization', bearer('jingle.applicant'))
        .attach('file', Buffer.from(`%PDF-1.4\n% document ${i}\n%%EOF\n`, 'latin1'), `材料${i + 1}.pdf`);
      files.push(up.body.documents[0]);
    }
    const material = (k: number) => ({ ref: `静行审〔2026〕${k + 1}号`, files: files.slice(k * 6, k * 6 + 6) });
    const unit = identities.users.find((u) => u.id === 'jingle.applicant')!.unit!;
    const created = await request(app)
      .post('/v1/projects')
      .set('Authorization', bearer('jingle.applicant'))
      .send({
        jurisdiction: 'jingle',
        application: {
          title: '静乐县政务数据共享平台',
          applicantUnit: unit,
          totalBudget: 1_200_000,
          inAnnualPlan: true,
          materials: {
            proposal: material(0),
            feasibilityStudy: material(1),
            preliminaryDesign: material(2),
            investmentEstimate: material(3),
            constructionPlan: material(4),
          },
          resourceCatalogue: { ref: '信息资源目录-2026' },
          systemsInCatalogue: true,
          interconnected: true,
        },
      });
    if (created.status !== 201) throw new Error(`project: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.projectId as string;
    const { timed } = await timedSession(app, served, 'jingle.infobureau', tokens.get('jingle.infobureau'));
    const page: number[] = [];
    for (let i = -5; i < samples; i++) {
      const ms = await timed(`/projects/${id}`, (html) => {
        const links = (html.match(/data-document="/g) ?? []).length;
        if (links < 30) throw new Error(`project page shows ${links} documents, not 30`);
      });
      if (i >= 0) page.push(ms);
    }
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    return {
      client: hasCurl() ? 'curl' : 'supertest (in process)',
      uploadMiB: size / MB,
      uploadMBps,
      copyMBps,
      ratio: round(uploadMBps / copyMBps, 2),
      documents: 30,
      projectPageMs: { p50: percentile(page, 50), p95: percentile(page, 95) },
      samples,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One project's case archive (案卷), downloaded as a ZIP (issue 21 item 5): the same package a
 * closed project is written as before retention (activities/archive.ts: audit.json, chart.json,
 * manifest.json with each file's SHA-256), plus the application as validated and the bytes of every
 * document its application and steps name and every opinion issued (issue 21 item 4), at `documents/<sha256>`. An auditor takes the case away
 * and checks it without the product: each file against the manifest, the trail with
 * `npm run admin -- verify`.
 */
import type { Response } from 'express';
import { create as contentDisposition } from 'content-disposition';
import yazl from 'yazl';
import { archiveFiles, documentPath, type ArchiveDocument } from '../../activities/archive.js';
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';
import { PUBLIC_STATUSES } from '../../machines/shared/meta.js';
import { DocumentMissing } from '../../documents/store.js';
import type { DocumentsDeps, FileRef } from './documents.js';
import { documentHttpError } from './documents.js';

/** Every file a payload names, whole (id, hash, name, size, type). */
export function fileRefsIn(data: unknown, depth = 0): FileRef[] {
  if (depth > 12 || data === null || typeof data !== 'object') return [];
  if (Array.isArray(data)) return data.flatMap((v) => fileRefsIn(v, depth + 1));
  return Object.entries(data).flatMap(([key, value]) =>
    key === 'files' && Array.isArray(value)
      ? value.filter((f): f is FileRef => typeof (f as FileRef)?.id === 'string' && typeof (f as FileRef)?.sha256 === 'string')
      : fileRefsIn(value, depth + 1),
  );
}

/** The documents of a project, once each by their bytes, in the order they were first named: uploads and the opinions issued. */
export function projectDocuments(view: Pick<ProjectView, 'application'>, trail: readonly Pick<HistoryEntry, 'data' | 'issued'>[]): ArchiveDocument[] {
  const seen = new Map<string, ArchiveDocument>();
  for (const f of [...fileRefsIn(view.application ?? {}), ...trail.flatMap((h) => [...fileRefsIn(h.data ?? {}), ...(h.issued ? [h.issued.document] : [])])])
    if (!seen.has(f.sha256)) seen.set(f.sha256, { id: f.id, sha256: f.sha256, name: f.name, size: f.size, type: f.type });
  return [...seen.values()];
}

/** Stream the case archive of a project the caller may see (the route checks that, and reads the whole trail). */
export async function sendCaseArchive(res: Response, documents: DocumentsDeps | undefined, view: ProjectView, trail: HistoryEntry[]): Promise<void> {
  const docs = projectDocuments(view, trail);
  // Open every document first: a fault of the store answers 503 before any byte of the archive is sent.
  const bodies: Array<{ doc: ArchiveDocument; body: NodeJS.ReadableStream | undefined }> = [];
  try {
    for (const doc of docs) {
      const record = { ...doc, uploadedBy: '', uploadedAt: '', projects: [] };
      const body = documents
        ? await documents.store.open(record).catch((err: unknown) => (err instanceof DocumentMissing ? undefined : Promise.reject(err)))
        : undefined;
      bodies.push({ doc, body });
    }
  } catch (err) {
    for (const b of bodies) (b.body as { destroy?: () => void } | undefined)?.destroy?.();
    throw documentHttpError(err) ?? err;
  }
  const last = trail.at(-1);
  const files = archiveFiles({
    projectId: view.projectId,
    jurisdiction: view.jurisdiction,
    chartVersion: view.chartVersion,
    status: view.status,
    statusLabel: PUBLIC_STATUSES[view.status as keyof typeof PUBLIC_STATUSES] ?? view.status,
    submittedAt: trail[0]?.at ?? '',
    closedAt: last?.at ?? '',
    entries: trail,
    ...(view.application ? { application: view.application } : {}),
    documents: bodies.map(({ doc, body }) => (body ? doc : { ...doc, missing: true })),
  });
  const zip = new yazl.ZipFile();
  for (const f of files) zip.addBuffer(f.bytes, f.name);
  for (const { doc, body } of bodies) if (body) zip.addReadStream(body, documentPath(doc), { compress: false, size: doc.size });
  zip.end();
  res.status(200);
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', contentDisposition(`${view.projectId}-案卷.zip`));
  res.setHeader('Cache-Control', 'private, no-store');
  await new Promise<void>((resolve) => {
    zip.outputStream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', resolve);
    zip.outputStream.pipe(res);
  });
}

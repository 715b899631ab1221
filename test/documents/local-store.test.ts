/** The embedded document store on a real folder (issue 21 item 2): write-once, refusals, interrupted uploads. */
import { mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentMissing, DocumentRefused, LocalDocumentStore } from '../../documents/store.js';
import { DOCUMENT_TYPE_NAMES } from '../../documents/sniff.js';
import { minimalPdf, minimalPng, sha256 } from '../helpers/documents.js';

const limits = { maxBytes: 1024 * 1024, types: DOCUMENT_TYPE_NAMES };
const at = new Date('2026-03-02T02:00:00Z');
let dir: string;
let store: LocalDocumentStore;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'local-store-'));
  store = new LocalDocumentStore(dir, () => at);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const meta = (name: string) => ({ name, uploadedBy: 'jingle.applicant', projects: [] });
const blobs = () => readdirSync(path.join(dir, 'blobs')).flatMap((d) => readdirSync(path.join(dir, 'blobs', d)));
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => (err instanceof DocumentRefused ? { status: err.status, rule: err.rule } : { error: String(err) }),
  );

/** A ZIP with one stored entry named `entry` (local header, central directory, end record). */
function zipWith(entry: string, content = 'x'): Buffer {
  const name = Buffer.from(entry);
  const data = Buffer.from(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const localPart = Buffer.concat([local, name, data]);
  const centralPart = Buffer.concat([central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

describe('the local document store', () => {
  it('keeps a PDF under its SHA-256 with its Chinese name, and the same bytes once', async () => {
    const pdf = minimalPdf('a');
    const first = await store.ingest(Readable.from([pdf]), meta('可行性研究报告（终稿）.pdf'), limits);
    expect(first).toMatchObject({
      sha256: sha256(pdf),
      size: pdf.length,
      type: 'application/pdf',
      name: '可行性研究报告（终稿）.pdf',
      uploadedAt: at.toISOString(),
    });
    const second = await store.ingest(Readable.from([pdf]), meta('副本.pdf'), limits);
    expect(second.id).not.toBe(first.id);
    expect(blobs()).toEqual([sha256(pdf)]);
    expect(statSync(path.join(dir, 'blobs', first.sha256.slice(0, 2), first.sha256)).mode & 0o777).toBe(0o600);
    const chunks: Buffer[] = [];
    for await (const c of await store.open(second)) chunks.push(c as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(pdf));
  });

  it('never uses a name as a path', async () => {
    const record = await store.ingest(Readable.from([minimalPdf()]), meta('../../etc/passwd.pdf'), limits);
    expect(record.name).toBe('passwd.pdf');
    expect(readdirSync(dir).sort()).toEqual(['blobs', 'records', 'tmp']);
    const bidi = await store.ingest(Readable.from([minimalPdf()]), meta('合同\u202Efdp.exe'), limits).catch((e: unknown) => e);
    // The direction mark is gone, so the name reads as it is: .exe holding a PDF is refused.
    expect(bidi).toBeInstanceOf(DocumentRefused);
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'a.pdf', 400, 'empty'],
    ['a PDF cut short', minimalPdf().subarray(0, 150), 'a.pdf', 400, 'truncated'],
    ['a PNG without its end', minimalPng().subarray(0, 40), 'a.png', 400, 'truncated'],
    ['PNG bytes named .pdf', minimalPng(), '合同.pdf', 415, 'extension'],
    ['a program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]), 'a.exe', 415, 'type'],
    ['plain text', Buffer.from('申请报告正文'), 'a.txt', 415, 'type'],
    ['a file over the limit', Buffer.concat([minimalPdf(), Buffer.alloc(1024 * 1024)]), 'a.pdf', 413, 'max_size'],
  ])('refuses %s (%i)', async (_what, bytes, name, status, rule) => {
    await expect(refusal(store.ingest(Readable.from([bytes]), meta(name), limits))).resolves.toEqual({ status, rule });
    expect(readdirSync(path.join(dir, 'records'))).toEqual([]);
    expect(readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('takes OFD, a ZIP holding OFD.xml, and refuses a type the configuration leaves out', async () => {
    const ofd = zipWith('OFD.xml', '<ofd:OFD/>');
    await expect(store.ingest(Readable.from([ofd]), meta('公文.ofd'), limits)).resolves.toMatchObject({ type: 'application/ofd' });
    await expect(store.ingest(Readable.from([zipWith('a.txt')]), meta('材料.zip'), limits)).resolves.toMatchObject({ type: 'application/zip' });
    await expect(refusal(store.ingest(Readable.from([ofd]), meta('公文.ofd'), { ...limits, types: ['pdf'] }))).resolves.toEqual({ status: 415, rule: 'type' });
  });

  it('streams a large upload through a temporary file, never whole in memory', async () => {
    const pdf = minimalPdf();
    const filler = Buffer.alloc(64 * 1024, 32);
    const parts = 320; // 20 MiB
    let made = 0;
    const source = Readable.from(
      (function* () {
        yield pdf.subarray(0, 9);
        for (; made < parts; made++) yield filler;
        yield pdf.subarray(9);
      })(),
    );
    const big = await store.ingest(source, meta('大文件.pdf'), { ...limits, maxBytes: 50 * 1024 * 1024 });
    expect(big.size).toBe(pdf.length + parts * filler.length);
    expect(made).toBe(parts);
  });

  it('leaves no record and, after sweep, no temporary file of an interrupted upload', async () => {
    const source = new Readable({ read() {} });
    const pending = store.ingest(source, meta('中断.pdf'), limits);
    source.push(minimalPdf().subarray(0, 100));
    await new Promise((r) => setTimeout(r, 20));
    source.destroy(new Error('client gone'));
    await expect(pending).rejects.toThrow('client gone');
    expect(readdirSync(path.join(dir, 'records'))).toEqual([]);
    // A process killed mid-upload leaves its part file; the next start sweeps it.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'tmp', 'left-by-a-killed-process.part'), 'x');
    await expect(store.sweep()).resolves.toBe(1);
    expect(readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('knows when bytes are lost, and binds a record to a project once', async () => {
    const record = await store.ingest(Readable.from([minimalPdf('lost')]), meta('a.pdf'), limits);
    await expect(store.holds(record)).resolves.toBe(true);
    expect((await store.bind(record.id, 'jingle-20260302-0000abcd')).projects).toEqual(['jingle-20260302-0000abcd']);
    expect((await store.bind(record.id, 'jingle-20260302-0000abcd')).projects).toEqual(['jingle-20260302-0000abcd']);
    unlinkSync(path.join(dir, 'blobs', record.sha256.slice(0, 2), record.sha256));
    await expect(store.holds(record)).resolves.toBe(false);
    await expect(store.open(record)).rejects.toBeInstanceOf(DocumentMissing);
    await expect(store.record('not-an-id')).resolves.toBeUndefined();
  });
});

/**
 * The S3 document store against a real S3 server (SeaweedFS, runtime/seaweedfs.ts), and the API
 * uploading into it and reading back (issue 21 item 2, "Cluster"). Part of `npm run test:cluster`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeaweedS3, type S3Server } from '../../runtime/seaweedfs.js';
import { DOCUMENT_TYPE_NAMES } from '../../documents/sniff.js';
import { S3DocumentStore } from '../../documents/s3.js';
import { DocumentMissing, DocumentRefused, DocumentStoreUnavailable } from '../../documents/store.js';
import { testApp } from '../helpers/app.js';
import { minimalPdf, minimalPng, sha256 } from '../helpers/documents.js';
import { testIdentities } from '../helpers/identities.js';

let s3: S3Server;
let tmp: string;
let store: S3DocumentStore;
let client: S3Client;
const limits = { maxBytes: 256 * 1024, types: DOCUMENT_TYPE_NAMES };
const meta = (name: string) => ({ name, uploadedBy: 'jingle.applicant', projects: [] });

beforeAll(async () => {
  s3 = await startSeaweedS3();
  tmp = mkdtempSync(path.join(os.tmpdir(), 's3-store-'));
  const config = {
    kind: 's3' as const,
    endpoint: s3.endpoint,
    region: s3.region,
    bucket: s3.bucket,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
    prefix: 'county/',
  };
  store = new S3DocumentStore(config, tmp);
  client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
});
afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const keys = async (prefix: string) => ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);

describe('the S3 document store on SeaweedFS', () => {
  it('stores a PDF once under its hash, opens the same bytes, and knows when they are lost', async () => {
    const pdf = minimalPdf('s3');
    const first = await store.ingest(Readable.from([pdf]), meta('验收报告.pdf'), limits);
    const second = await store.ingest(Readable.from([pdf]), meta('验收报告（副本）.pdf'), limits);
    expect(first.sha256).toBe(sha256(pdf));
    expect(second.id).not.toBe(first.id);
    expect(await keys('county/blobs/')).toEqual([`county/blobs/${sha256(pdf)}`]);
    expect((await keys('county/records/')).sort()).toEqual([`county/records/${first.id}.json`, `county/records/${second.id}.json`].sort());
    const chunks: Buffer[] = [];
    for await (const c of await store.open(first)) chunks.push(Buffer.from(c as Uint8Array));
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(pdf));
    expect((await store.bind(first.id, 'jingle-20261206-0000abcd')).projects).toEqual(['jingle-20261206-0000abcd']);
    expect((await store.record(first.id))?.projects).toEqual(['jingle-20261206-0000abcd']);
    await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: `county/blobs/${first.sha256}` }));
    await expect(store.holds(first)).resolves.toBe(false);
    await expect(store.open(first)).rejects.toBeInstanceOf(DocumentMissing);
  });

  it('sends nothing to the bucket for a refused file', async () => {
    const before = await keys('county/');
    for (const [bytes, name, status] of [
      [Buffer.alloc(0), '空.pdf', 400],
      [minimalPng(), '合同.pdf', 415],
      [Buffer.concat([minimalPdf(), Buffer.alloc(300 * 1024)]), '大.pdf', 413],
    ] as const) {
      const err = await store.ingest(Readable.from([bytes]), meta(name), limits).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DocumentRefused);
      expect((err as DocumentRefused).status).toBe(status);
    }
    expect(await keys('county/')).toEqual(before);
  });

  it('answers an unreachable object storage as unavailable, to be tried again', async () => {
    const down = new S3DocumentStore(
      { kind: 's3', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', bucket: s3.bucket, accessKeyId: 'x', secretAccessKey: 'y', forcePathStyle: true },
      tmp,
    );
    await expect(down.ingest(Readable.from([minimalPdf()]), meta('a.pdf'), limits)).rejects.toBeInstanceOf(DocumentStoreUnavailable);
    await expect(down.record(`d${'a'.repeat(32)}`)).rejects.toBeInstanceOf(DocumentStoreUnavailable);
  });

  it('serves uploads through the API into the bucket and back, and 503 with Retry-After when the storage is down', async () => {
    const ids = testIdentities();
    const docs = { limits: { maxFileBytes: 256 * 1024, maxRequestBytes: 1024 * 1024, maxFilesPerRequest: 4, types: DOCUMENT_TYPE_NAMES } };
    const app = testApp({ identities: ids.identities, documents: { store, ...docs } });
    const pdf = minimalPdf('through the API');
    const up = await request(app).post('/v1/documents').set('Authorization', ids.bearer('jingle.fixture-applicant')).attach('file', pdf, '合同.pdf');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(await keys(`county/blobs/${sha256(pdf)}`)).toHaveLength(1);
    const back = await request(app)
      .get(`/v1/documents/${up.body.documents[0].id}`)
      .set('Authorization', ids.bearer('jingle.fixture-applicant'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(sha256(back.body as Buffer)).toBe(sha256(pdf));
    const downApp = testApp({
      identities: ids.identities,
      documents: {
        store: new S3DocumentStore(
          { kind: 's3', endpoint: 'http://127.0.0.1:1', region: 'us-east-1', bucket: s3.bucket, accessKeyId: 'x', secretAccessKey: 'y', forcePathStyle: true },
          tmp,
        ),
        ...docs,
      },
    });
    const refused = await request(downApp).post('/v1/documents').set('Authorization', ids.bearer('jingle.fixture-applicant')).attach('file', pdf, '合同.pdf');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.body.error.code).toBe('documents_unavailable');
  });
});

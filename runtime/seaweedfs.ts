/**
 * A real S3 server for the cluster and its tests (issue 21): SeaweedFS (Apache-2.0), `weed server -s3`,
 * built from its Go module at a pinned version and cached outside the clone like the Temporal server
 * (runtime/temporal-server.ts). Its module's go.mod has replace directives, which `go install pkg@v`
 * refuses, so the module source is fetched with `go mod download` and built in a copy.
 * Why SeaweedFS: one static binary that serves S3 (the subset the store uses: Put/Get/Head/List/
 * Delete, path-style), Apache-2.0, and it builds from the Go module proxy this project already
 * depends on; MinIO's server is AGPL and Ceph is far heavier.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from './ports.js';
import { isExecutable } from './temporal-server.js';

/** The pinned SeaweedFS version (a pseudo-version of its module, as the Go module proxy serves it). */
export const SEAWEEDFS_VERSION = 'v0.0.0-20261109003541-7506e5f91cd6';
const MODULE = 'github.com/seaweedfs/seaweedfs';

/** Where the built `weed` is cached. */
export function weedPath(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'gov-it-approvals', 'seaweedfs', SEAWEEDFS_VERSION, 'weed');
}

function go(args: string[], env: NodeJS.ProcessEnv, cwd?: string): string {
  const r = spawnSync('go', args, { encoding: 'utf8', env, cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.error) throw new Error(`the Go toolchain is needed to build SeaweedFS (go ${args.join(' ')}): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`go ${args.join(' ')} failed (exit ${r.status})`);
  return (r.stdout ?? '').trim();
}

/** The pinned `weed`, built once per machine (several minutes on two cores the first time). */
export function ensureWeed(log: (line: string) => void = console.log): string {
  const bin = weedPath();
  if (isExecutable(bin)) return bin;
  const env = { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN || 'auto', GOFLAGS: '-mod=mod' };
  log(`[s3] building SeaweedFS ${SEAWEEDFS_VERSION} into ${path.dirname(bin)} (the first time only)`);
  const t = Date.now();
  const info = JSON.parse(go(['mod', 'download', '-json', `${MODULE}@${SEAWEEDFS_VERSION}`], env)) as { Dir: string };
  const work = mkdtempSync(path.join(os.tmpdir(), 'seaweedfs-src-'));
  try {
    cpSync(info.Dir, work, { recursive: true });
    chmodSync(work, 0o755);
    spawnSync('chmod', ['-R', 'u+w', work]);
    mkdirSync(path.dirname(bin), { recursive: true });
    go(['build', '-o', bin, './weed'], env, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  log(`[s3] built weed in ${Math.round((Date.now() - t) / 1000)} s`);
  return bin;
}

/** A running S3 server and how to reach it. */
export interface S3Server {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/**
 * Start `weed server -s3` on free loopback ports with one identity allowed everything, wait until
 * S3 answers, and create `bucket`. Ports are taken free and tried again on a collision.
 */
export async function startSeaweedS3(opts: { dataDir?: string; bucket?: string; log?: (line: string) => void } = {}): Promise<S3Server> {
  const weed = ensureWeed(opts.log);
  const bucket = opts.bucket ?? 'gov-it-documents';
  const accessKeyId = 'gov-it-test';
  const secretAccessKey = `secret-${Math.random().toString(36).slice(2)}`;
  for (let attempt = 0; ; attempt++) {
    const dir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'seaweedfs-'));
    mkdirSync(dir, { recursive: true });
    const config = path.join(dir, 's3.json');
    writeFileSync(
      config,
      JSON.stringify({
        identities: [
          { name: 'product', credentials: [{ accessKey: accessKeyId, secretKey: secretAccessKey }], actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'] },
        ],
      }),
    );
    const [master, volume, filer, s3] = [await freePort(), await freePort(), await freePort(), await freePort()];
    // Each service's gRPC port is its HTTP port + 10000 unless set: set them too, all free.
    const [masterGrpc, volumeGrpc, filerGrpc, s3Grpc] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const args = [
      'server',
      '-ip=127.0.0.1',
      '-ip.bind=127.0.0.1',
      `-dir=${dir}`,
      `-master.port=${master}`,
      `-master.port.grpc=${masterGrpc}`,
      `-volume.port=${volume}`,
      `-volume.port.grpc=${volumeGrpc}`,
      `-filer.port=${filer}`,
      `-filer.port.grpc=${filerGrpc}`,
      '-s3',
      `-s3.port=${s3}`,
      `-s3.port.grpc=${s3Grpc}`,
      `-s3.config=${config}`,
      '-volume.max=8',
      '-master.volumeSizeLimitMB=64',
    ];
    const child: ChildProcess = spawn(weed, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
    const endpoint = `http://127.0.0.1:${s3}`;
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
    const stop = async () => {
      client.destroy();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((r) => {
          const t = setTimeout(() => (child.kill('SIGKILL'), r()), 5_000);
          child.once('exit', () => (clearTimeout(t), r()));
        });
      }
      if (!opts.dataDir) rmSync(dir, { recursive: true, force: true });
    };
    const deadline = Date.now() + 60_000;
    let ready = false;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        await client.send(new ListBucketsCommand({}));
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
        ready = true;
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    if (ready) return { endpoint, region: 'us-east-1', bucket, accessKeyId, secretAccessKey, stop };
    await stop();
    if (attempt < 2 && /address already in use/i.test(output)) continue;
    throw new Error(`SeaweedFS did not serve S3 within 60 s:\n${output.slice(-3000)}`);
  }
}

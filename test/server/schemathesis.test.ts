import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageCentre } from '../../server/messages.js';
import { testApp } from '../helpers/app.js';
// Issue 10, row 10: a fuzzer nobody here wrote, schemathesis, against /openapi.json with every check,
// its stateful phase following the links from POST /v1/projects.
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSchemathesis } from '../../runtime/toolchain.js';
import { ProjectService } from '../../server/projects.js';
import { testIdentities } from '../helpers/identities.js';
import { startDevStack, testSigner, type DevStack } from '../helpers/temporal.js';

let stack: DevStack;
let server: Server;
let base: string;
const ids = testIdentities();
const errors: unknown[] = [];

beforeAll(async () => {
  stack = await startDevStack();
  const app = testApp({
    projects: new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() }),
    dataDir: stack.dataDir,
    identities: ids.identities,
    // As `npm start` runs it, with the message centre's routes (issue 24).
    messages: new MessageCentre(mkdtempSync(path.join(os.tmpdir(), 'schemathesis-messages-'))),
    log: (entry) => {
      if (entry.level === 'error') errors.push(entry);
    },
    // The fuzzer is not testing the limits (front-door.test.ts does).
    rateLimitPerMinute: 1_000_000,
    anonymousRateLimitPerMinute: 1_000_000,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await stack?.stop();
});

/** Run `st` to its end; its exit code and output. */
function st(args: string[]): Promise<{ code: number | null; output: string }> {
  const exe = ensureSchemathesis();
  if (!exe) throw new Error('schemathesis needs Python 3 with pip (scripts/toolchain.ts)');
  return new Promise((resolve) => {
    const child = spawn(exe, args, { env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('schemathesis against /openapi.json', () => {
  it('finds no failure under --checks all, through every phase including the stateful one', async () => {
    const { code, output } = await st([
      'run',
      `${base}/openapi.json`,
      '--checks',
      'all',
      // The seeded applying unit the document's example application belongs to.
      '-H',
      `Authorization: ${ids.bearer('weishan.applicant')}`,
      '--max-examples',
      process.env.FUZZ_EXAMPLES ?? '25',
      '--seed',
      process.env.FUZZ_SEED ?? '20261123',
      '--workers',
      '2',
    ]);
    const summary = output.slice(output.indexOf('SUMMARY'));
    expect(code, output.slice(-6_000)).toBe(0);
    for (const phase of ['Examples', 'Coverage', 'Fuzzing', 'Stateful']) expect(summary).toMatch(new RegExp(`✅ ${phase}`));
    // Links from POST /v1/projects were followed: the stateful phase reached the project routes.
    expect(output).toMatch(/API Links:\s+[1-9]\d* covered/);
    expect(errors.slice(0, 3)).toEqual([]);
  }, 600_000);
});

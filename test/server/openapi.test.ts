import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { MessageCentre } from '../../server/messages.js';
import { testApp } from '../helpers/app.js';
import { describe, expect, it } from 'vitest';
import { testIdentities } from '../helpers/identities.js';
import { jurisdictionIds } from '../../machines/index.js';

// With a message centre, as `npm start` runs it: its routes are documented too.
const app = testApp({ messages: new MessageCentre(mkdtempSync(path.join(os.tmpdir(), 'openapi-messages-'))) });

/** Every route the express app serves, as `METHOD /path/{param}`. */
function routes(): string[] {
  const stack = (app as unknown as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router.stack;
  return stack
    .filter((l) => l.route)
    .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path.replace(/:([A-Za-z]+)/g, '{$1}')}`))
    .sort();
}

describe('GET /openapi.json', () => {
  it('documents exactly the routes the API serves', async () => {
    const res = await request(app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(documented).toEqual(routes());
  });

  it('carries every jurisdiction’s application schema from zod, and no department in action bodies', async () => {
    const doc = (await request(app).get('/openapi.json')).body;
    for (const id of jurisdictionIds) expect(doc.components.schemas[`Application_${id}`].type).toBe('object');
    const action = doc.paths['/v1/projects/{id}/tasks/{task}/actions'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(action.properties)).toEqual(['action', 'comment', 'data']);
    expect(action.additionalProperties).toBe(false);
  });
});

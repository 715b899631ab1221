import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { entry, FakeProjects, projectView, signedIn, step } from '../helpers/fake-projects.js';
import { testIdentities } from '../helpers/identities.js';

// Issue 20 item 7: the smaller gaps above the front door (docs/front-door.md), over the fake project service.
function setup() {
  const ids = testIdentities();
  const projects = new FakeProjects();
  const app = testApp({ projects, identities: ids.identities });
  const open = projects.add(
    projectView({
      projectId: 'weishan-20260302-00000d01',
      jurisdiction: 'weishan',
      applicantUnit: '微山县示例单位',
      tasks: [step('weishan', 'requirementsReview', 'bigData')],
    }),
    [entry(1, 'submitted', 'applicant')],
  );
  const tokenOf = (userId: string) => ids.bearer(userId).slice('Bearer '.length);
  const acts = () => projects.calls.filter((c) => c.method === 'act');
  return { ids, projects, app, open, tokenOf, acts };
}

/** `depth` levels of nesting: objects and arrays by turns. */
const nested = (depth: number): unknown => {
  let v: unknown = '底';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

// (A lone surrogate cannot travel in a form body, which is UTF-8: the API's JSON check of it is in test/server/front-door.test.ts.)
const unsafeComments: Array<[name: string, comment: string]> = [
  ['NUL', '同意\u0000'],
  ['U+202E (right-to-left override)', '同意\u202E意同不'],
  ['U+2066 (left-to-right isolate)', '\u2066同意\u2069'],
  ['2,001 characters', '意'.repeat(2001)],
];

describe('one free-text rule for the API and the pages (server/free-text.ts)', () => {
  it.each(unsafeComments)('refuses a 办理意见 with %s at both doors, naming the field, and sends nothing', async (_name, comment) => {
    const s = setup();
    const api = await request(s.app)
      .post(`/v1/projects/${s.open.projectId}/tasks/requirementsReview/actions`)
      .set('Authorization', s.ids.bearer('weishan.bigdata'))
      .send({ action: 'approve', comment });
    expect(api.status).toBe(400);
    expect(api.body.error.issues.map((i: { field: string }) => i.field)).toContain('comment');

    const { agent, csrf } = await signedIn(s.app, s.tokenOf('weishan.bigdata'));
    const page = await agent
      .post(`/projects/${s.open.projectId}/tasks/requirementsReview/approve`)
      .type('form')
      .send({ _csrf: await csrf('/tasks'), comment });
    expect(page.status).toBe(400);
    expect(page.text).toContain('办理意见');
    expect(page.text).toContain(api.body.error.issues.find((i: { field: string }) => i.field === 'comment').message);
    expect(s.acts()).toEqual([]);
  });

  it('accepts the same comment, trimmed, at both doors when it is clean', async () => {
    const s = setup();
    const api = await request(s.app)
      .post(`/v1/projects/${s.open.projectId}/tasks/requirementsReview/actions`)
      .set('Authorization', s.ids.bearer('weishan.bigdata'))
      .send({ action: 'approve', comment: '  同意，按程序办理。 ' });
    expect(api.status).toBe(200);
    const { agent, csrf } = await signedIn(s.app, s.tokenOf('weishan.bigdata'));
    const page = await agent
      .post(`/projects/${s.open.projectId}/tasks/requirementsReview/approve`)
      .type('form')
      .send({ _csrf: await csrf('/tasks'), comment: '  同意，按程序办理。 ' });
    expect(page.status).toBe(303);
    expect(s.acts().map((c) => (c as { request: { comment?: string } }).request.comment)).toEqual(['同意，按程序办理。', '同意，按程序办理。']);
  });
});

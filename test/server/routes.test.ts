import { generateKeyPairSync } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { ProjectView } from '../../contracts/messages.js';
import { ProjectService } from '../../server/projects.js';
import { CommandSigner } from '../../server/signing.js';

/** A Temporal client that answers from memory and counts what it is asked. */
function fakeClient(view: ProjectView) {
  const asked = { lists: 0, queries: 0, updates: 0 };
  const client = {
    options: { namespace: 'default' },
    withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
    workflowService: {
      listWorkflowExecutions: async () => {
        asked.lists++;
        return { executions: [{ execution: { workflowId: view.projectId }, status: 1, searchAttributes: { indexedFields: {} } }] };
      },
    },
    workflow: {
      getHandle: () => ({
        query: async () => (asked.queries++, view),
        executeUpdate: async () => (asked.updates++, view),
      }),
    },
  };
  return { asked, client: client as unknown as Client };
}

const weishanView = {
  projectId: 'weishan-20260302-0a0b0c0d',
  jurisdiction: 'weishan',
  tasks: [],
  offers: [],
  history: [],
  historyTotal: 0,
} as unknown as ProjectView;

describe('the project service owns its caches (routes never touch one)', () => {
  const service = (client: Client) =>
    new ProjectService({
      client,
      taskQueue: 'projects',
      historyEventLimit: 2_000,
      signer: new CommandSigner('test-key', generateKeyPairSync('ed25519').privateKey),
      listingRefreshMs: 60_000,
    });

  it('serves listings and listed views from its caches until an action or a reminder through it changes the project', async () => {
    const { asked, client } = fakeClient(weishanView);
    const projects = service(client);
    const filter = { jurisdiction: 'weishan' };
    await projects.views(await projects.listAll(filter, 100));
    await projects.views(await projects.listAll(filter, 100));
    expect(asked).toEqual({ lists: 1, queries: 1, updates: 0 });

    await projects.remind(weishanView.projectId, 'requirementsReview', {
      userId: 'u',
      name: '督办人',
      department: 'bigData',
      jurisdiction: 'weishan',
      roles: ['supervisor'],
    });
    await projects.views(await projects.listAll(filter, 100));
    expect(asked).toEqual({ lists: 2, queries: 2, updates: 1 });

    const identity = { userId: 'weishan.bigdata', jurisdiction: 'weishan', department: 'bigData', roles: ['reviewer'] };
    await projects.act(weishanView.projectId, { task: 'requirementsReview', action: 'approve', department: 'bigData', actor: '审核人', identity });
    const queriesAfterAct = asked.queries;
    await projects.views(await projects.listAll(filter, 100));
    expect(asked.lists).toBe(3);
    expect(asked.queries).toBe(queriesAfterAct + 1);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { eventually } from '../helpers/eventually.js';
import { afterAll, describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { intakeOf } from '../../machines/intake.js';
import { chinaDate } from '../../machines/shared/events.js';
import { weishan } from '../../machines/weishan/index.js';
import { startEmbedded } from '../../runtime/stack.js';
import { ProjectService } from '../../server/projects.js';
import type { ProjectInput } from '../../contracts/messages.js';
import { searchAttributes } from '../../contracts/search-attributes.js';
import { samplePayloads, weishanApplication } from '../fixtures/weishan.js';
import { identityFor, recordingActivities, testConfig, testSigner, testTrustedKeys } from '../helpers/temporal.js';
import { bundleWorkflowCode } from '@temporalio/worker';
import { bundlerOptions, WORKFLOW_INTERCEPTOR_MODULES } from '../../worker/index.js';
import { awaits, stepsTo } from '../fixtures/paths.js';
import { chartDriver } from '../helpers/chart.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'server-restart-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A 微山 project waiting for its contract filing, as the chart holds it (persisted form); dated on the real clock, the embedded server's. */
function waitingForContractFiling(signedOn: string) {
  const application = intakeOf('weishan').applicationSchema.parse(weishanApplication({}, signedOn));
  const at = new Date().toISOString();
  const { act } = chartDriver(weishan, {}, at);
  let s: AnyMachineSnapshot = initialTransition(weishan.machine, { projectId: 'restart', application })[0];
  for (const e of stepsTo(weishan, weishanApplication({}, signedOn), at, awaits('procurement'))) s = transition(weishan.machine, s, e)[0];
  s = act(s, 'procurement', 'submit', { signedOn, contract: { ref: 'HT' }, amount: 900_000 });
  return { application, snapshot: { value: s.value, context: s.context } };
}

describe('the embedded server stopped and restarted on its SQLite file', () => {
  it('fires once, on restart, a deadline that passed while it was down', async () => {
    // Port 0: the server picks free ports (and retries on a collision); the restart reuses its frontend port,
    // where the worker and client reconnect.
    const config = { ...testConfig(), embedded: { ip: '127.0.0.1', grpcPort: 0, uiPort: 0, dataDir, ui: false } };
    let server = await startEmbedded(config);
    const restartConfig = { ...config, embedded: { ...config.embedded, grpcPort: Number(server.address.split(':').pop()) } };
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    const nativeConnection = await NativeConnection.connect({ address: server.address });
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue: config.temporal.taskQueue,
      // The product's workflows and a seed that continues as a project carrying prepared state (test/faults/seed-workflows.ts).
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: path.join(import.meta.dirname, 'seed-workflows.ts'),
        workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
        ...bundlerOptions(testTrustedKeys),
      }),
      activities: recordingActivities(config).activities,
    });
    const running = worker.run();
    try {
      // A project carried into a new run with its contract-filing deadline due in a few seconds,
      // as continue-as-new carries pending timers with their absolute instants.
      const signedOn = chinaDate(Date.now());
      const { application, snapshot } = waitingForContractFiling(signedOn);
      const dueAt = new Date(Date.now() + 8_000).toISOString();
      const stateId = 'weishan.project.lifecycle.contractFiling';
      const input: ProjectInput = {
        projectId: 'weishan-20261123-0000beef',
        jurisdiction: 'weishan',
        chartVersion: weishan.version,
        application,
        submittedBy: { actor: '申报人', unit: String(application.applicantUnit) },
        carried: {
          snapshot,
          timers: [
            {
              key: `${stateId}#contractFiling@${signedOn}`,
              kind: 'deadline',
              stateId,
              id: 'contractFiling',
              title: '签订正式采购合同后10个工作日内报县大数据局备案',
              article: '微山 第二十七条',
              department: 'applicant',
              lastDay: signedOn,
              dueAt,
              fired: false,
            },
          ],
          history: [],
          submittedAt: new Date().toISOString(),
        },
      };
      await client.workflow.start('seedProject', {
        workflowId: input.projectId,
        taskQueue: config.temporal.taskQueue,
        args: [input],
        typedSearchAttributes: [{ key: searchAttributes.jurisdiction, value: 'weishan' }],
      });
      const projects = new ProjectService({ client, taskQueue: config.temporal.taskQueue, historyEventLimit: 2_000, signer: testSigner() });
      // The seed's run continues as the project's at its first task.
      const seeded = await eventually(
        () => projects.view(input.projectId).catch(() => undefined),
        (v) => v !== undefined,
        { ms: 10_000, every: 100, what: 'the seeded project run' },
      );
      expect(seeded?.status).toBe('contract_filing');

      await server.stop();
      await new Promise((r) => setTimeout(r, Date.parse(dueAt) - Date.now() + 4_000));
      server = await startEmbedded(restartConfig);

      let audit = await eventually(
        () => projects.audit(input.projectId),
        (a) => a.some((h) => h.kind === 'deadline'),
        { ms: 60_000, every: 500, what: 'the deadline fired after the restart' },
      );
      expect((await projects.view(input.projectId)).sanction?.level).toBe('rectification_ordered');
      // A later action: the workflow has handled everything before it, so a second firing of the
      // deadline would stand in the history before this action.
      const unit = String(application.applicantUnit);
      const after = await projects.act(input.projectId, {
        task: 'contractFiling',
        action: 'submit',
        department: 'applicant',
        actor: '经办人',
        identity: identityFor('weishan', 'applicant', unit),
        data: samplePayloads['contractFiling.submit'],
      });
      expect(after.tasks.map((t) => t.task)).not.toContain('contractFiling');
      audit = await projects.audit(input.projectId);
      expect(audit.at(-1)).toMatchObject({ kind: 'action', task: 'contractFiling' });
      expect(audit.filter((h) => h.kind === 'deadline')).toHaveLength(1);
      expect(audit.filter((h) => h.kind === 'escalation')).toEqual([expect.objectContaining({ article: '微山 第二十七条' })]);
    } finally {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
      await server.stop();
    }
  }, 180_000);
});

/** @jsxImportSource preact */
import type { Request, Response, Router } from 'express';
import { jurisdictions } from '../../../machines/index.js';
import { intakeOf } from '../../../machines/intake.js';
import { whatIfAll } from '../../../machines/whatif.js';
import { assertMayApply } from '../../access.js';
import { asHttpError } from '../../api/errors.js';
import { HttpError, notFound } from '../../errors.js';
import { bindRecords, checkNamedFiles } from '../../api/documents.js';
import { fileIssuesOf } from '../uploads.js';
import type { User } from '../../identity.js';
import { projectChart } from '../chart.js';
import { fieldsOf, readForm, type FormBody } from '../forms.js';
import { ApplyForm, ApplyIndex, WhatIfPage, whatIfFields } from '../views/apply.js';
import { ChartIndex, ChartPage } from '../views/charts.js';
import { requestIdSchema, type Kit } from '../kit.js';

/** Applying, the what-if comparison and the charts. */
export function applyRoutes(router: Router, kit: Kit): void {
  const { deps, now, today, ctxOf, send, userOr, log } = kit;

  const defOf = (req: Request) => {
    const def = jurisdictions[String(req.params.jurisdiction)];
    if (!def) throw notFound(`辖区 ${String(req.params.jurisdiction)} 不存在`);
    return def;
  };
  const mayApplyIn = (user: User, j: string) => user.roles.includes('applicant') && user.jurisdiction === j;

  router.get('/apply', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    send(res, 200, '新申报', 'apply', ctxOf(req, user), <ApplyIndex defs={Object.values(jurisdictions)} today={today()} own={user.jurisdiction} />);
  });

  router.get('/apply/:jurisdiction', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const def = defOf(req);
    const ctx = ctxOf(req, user);
    send(
      res,
      200,
      `${def.name}新申报`,
      'apply',
      ctx,
      <ApplyForm def={def} ctx={ctx} today={today()} mayApply={mayApplyIn(user, def.id)} {...(user.unit ? { unit: user.unit } : {})} />,
    );
  });

  router.post('/apply/:jurisdiction', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const def = defOf(req);
    const body = req.body as FormBody;
    const read = readForm(fieldsOf(intakeOf(def.id).applicationSchema), body, 'application');
    try {
      assertMayApply(user, def.id, read);
      // Files the store refused come back beside their inputs; then each file named is checked as the API checks it.
      const fileIssues = fileIssuesOf(res);
      if (fileIssues.length)
        throw new HttpError(
          fileIssues[0]!.status,
          'document_refused',
          '有文件未能上传，请更换后重新提交',
          fileIssues.map((f) => f.issue),
        );
      const files = await checkNamedFiles(deps.documents, user, undefined, read, 'application');
      const application = files.data as Record<string, unknown>;
      // The form's key (server/pages/views/apply.tsx): sending the same form again creates the project once.
      const key = requestIdSchema.safeParse(body.requestId);
      const view = await deps.projects.submit(
        def.id,
        application,
        { actor: user.name },
        now(),
        key.success ? { idempotencyKey: key.data, userId: user.id } : undefined,
      );
      await bindRecords(deps.documents, files.records, view.projectId, log);
      req.session.flash = `已提交申报：${view.title}`;
      res.redirect(303, `/projects/${view.projectId}`);
    } catch (thrown) {
      const err = asHttpError(thrown);
      // A 503 keeps the form and its key, saying whether the project may exist: resending it is safe.
      if (!err || (err.status >= 500 && err.status !== 503)) throw thrown;
      const ctx = ctxOf(req, user);
      send(
        res,
        err.status,
        `${def.name}新申报`,
        'apply',
        ctx,
        <ApplyForm def={def} ctx={ctx} today={today()} mayApply={mayApplyIn(user, def.id)} values={body} issues={err.issues} message={err.message} />,
      );
    }
  });

  const whatIf = async (req: Request, res: Response, values?: FormBody) => {
    const user = await userOr(req, res);
    if (!user) return;
    const defs = Object.values(jurisdictions);
    let results;
    if (values) {
      const { shared, own } = whatIfFields(defs);
      const overrides = Object.fromEntries(own.map(({ def, fields }) => [def.id, readForm(fields, values, `overrides.${def.id}`)]));
      results = whatIfAll(defs, readForm(shared, values, 'application'), overrides, today());
    }
    const ctx = ctxOf(req, user);
    send(
      res,
      200,
      '辖区比较',
      'whatif',
      ctx,
      <WhatIfPage defs={defs} ctx={ctx} {...(user.unit ? { unit: user.unit } : {})} {...(values ? { values } : {})} {...(results ? { results } : {})} />,
    );
  };
  router.get('/what-if', (req, res) => whatIf(req, res));
  router.post('/what-if', (req, res) => whatIf(req, res, req.body as FormBody));

  router.get('/charts', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    send(res, 200, '流程图', 'charts', ctxOf(req, user), <ChartIndex defs={Object.values(jurisdictions)} />);
  });

  router.get('/charts/:jurisdiction', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const def = defOf(req);
    send(res, 200, `${def.name}流程图`, 'charts', ctxOf(req, user), <ChartPage def={def} svg={await projectChart(def)} />);
  });
}

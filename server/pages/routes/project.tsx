/** @jsxImportSource preact */
import type { Router } from 'express';
import { jurisdictions } from '../../../machines/index.js';
import { intakeOf } from '../../../machines/intake.js';
import type { Issue } from '../../../machines/shared/errors.js';
import { TASK_ACTION_LABELS, type TaskAction } from '../../../machines/shared/meta.js';
import { assertMayAct, openProject } from '../../access.js';
import { asHttpError } from '../../api/errors.js';
import { HttpError, notFound } from '../../errors.js';
import { checkFreeText, commentText } from '../../free-text.js';
import type { User } from '../../identity.js';
import { jurisdictionOfProject } from '../../projects.js';
import { taskTitles } from '../chart-meta.js';
import { fieldsOf, readForm, type FormBody } from '../forms.js';
import { assertVersionTakesFiles, bindRecords, checkNamedFiles, projectNames, sendDocument } from '../../api/documents.js';
import { fileIssuesOf } from '../uploads.js';
import { sendCaseArchive } from '../../api/case-archive.js';
import { ApprovalSheet } from '../views/sheet.js';
import { NEEDS_OPINION } from '../views/project.js';
import { keyword, localPath, projectIdSchema, requestIdSchema, type Kit } from '../kit.js';

/** A project: its page, its audit as CSV, actions on its tasks, and 催办. */
export function projectRoutes(router: Router, kit: Kit): void {
  const { deps, log, userOr, visible, idOf, projectPage, send, ctxOf, now } = kit;

  const supervisorOf = (user: User) => {
    if (!user.roles.includes('supervisor'))
      throw new HttpError(403, 'forbidden', '只有督办人员可以催办', [{ field: 'authorization', rule: 'role', message: '需要督办角色' }]);
    return { userId: user.id, name: user.name, department: user.department, jurisdiction: user.jurisdiction, roles: [...user.roles] };
  };

  router.post('/projects/:id/remind', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const id = idOf(req);
    const by = supervisorOf(user);
    const task = keyword.safeParse(req.body?.task);
    if (!task.success) throw new HttpError(400, 'invalid_request', '请选择要催办的事项', [{ field: 'task', rule: 'required', message: '请选择要催办的事项' }]);
    await visible(user, id);
    const requestId = requestIdSchema.safeParse(req.body?.requestId);
    // The form's request id: a form sent twice (a double click, a retry) reminds once.
    const view = await deps.projects.remind(id, task.data, by, requestId.success ? requestId.data : undefined);
    const awaited = view.tasks.find((x) => x.task === task.data);
    req.session.flash = `已催办${awaited?.departmentName ?? ''}：${view.title}`;
    res.redirect(303, localPath(req.body?.back) === '/supervise' ? '/supervise' : `/projects/${id}`);
  });

  router.post('/supervise/remind', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const by = supervisorOf(user);
    const raw = (req.body as FormBody).project;
    const ids = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((x) => projectIdSchema.safeParse(x).success).slice(0, 100);
    if (ids.length === 0)
      throw new HttpError(400, 'invalid_request', '请先选择项目', [{ field: 'project', rule: 'required', message: '请先选择要催办的项目' }]);
    const base = requestIdSchema.safeParse((req.body as FormBody).requestId);
    let sent = 0;
    for (const id of ids) {
      const { view } = await visible(user, id);
      for (const x of view.tasks) {
        await deps.projects.remind(id, x.task, by, base.success ? `${base.data}-${id.slice(-8)}-${x.task}`.slice(0, 100) : undefined);
        sent++;
      }
    }
    req.session.flash = `已向 ${ids.length} 个项目的待办部门催办 ${sent} 次`;
    res.redirect(303, '/supervise');
  });

  router.get('/projects/:id', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    await projectPage(req, res, user, idOf(req));
  });

  // A project's document, for whoever may see the project, when the project names it (server/api/documents.ts).
  router.get('/projects/:id/documents/:documentId', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const id = idOf(req);
    const docId = String(req.params.documentId);
    if (!deps.documents || !/^d[0-9a-f]{32}$/.test(docId)) throw notFound('该项目没有这个文件');
    const { view, audit } = await visible(user, id);
    const record = await deps.documents.store.record(docId);
    if (!record || !projectNames(view, audit, docId, record.sha256)) throw notFound('该项目没有这个文件');
    await sendDocument(res, deps.documents, record, { download: req.query.download === '1' });
  });

  // The 审批表: the application and every decision, printable.
  router.get('/projects/:id/sheet', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const id = idOf(req);
    const { view } = await visible(user, id);
    const audit = await deps.projects.audit(id);
    const def = jurisdictions[view.jurisdiction]!;
    const titles = taskTitles(def);
    send(
      res,
      200,
      `${view.title} · 审批表`,
      'project',
      ctxOf(req, user),
      <ApprovalSheet def={def} view={view} audit={audit} taskTitle={(t) => titles.get(t) ?? t} chainHead={audit.at(-1)?.hash} printedAt={now()} />,
    );
  });

  // The case archive (案卷 ZIP): as GET /v1/projects/:id/archive.
  router.get('/projects/:id/archive.zip', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const id = idOf(req);
    const { view } = await visible(user, id);
    await sendCaseArchive(res, deps.documents, view, await deps.projects.audit(id));
  });

  router.get('/projects/:id/audit.csv', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const id = idOf(req);
    const { view, audit } = await visible(user, id);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`${id}-audit.csv`)
      .send(`\uFEFF${deps.auditCsv(audit, view.application)}`);
  });

  router.post('/projects/:id/tasks/:task/:action', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const id = idOf(req);
    const task = keyword.safeParse(req.params.task);
    const action = String(req.params.action) as TaskAction;
    if (!task.success || !(action in TASK_ACTION_LABELS)) throw notFound('该事项不存在');
    // As the API does: a project the user may not see, or a step not theirs, is refused (403) before anything else is read or sent.
    const opened = (await openProject(deps.projects, user, id)).view;
    const { open } = assertMayAct(user, opened, task.data, action);
    const body = req.body as FormBody;
    const refuse = (status: number, message: string, issues: Issue[]) =>
      projectPage(req, res, user, id, status, { task: task.data, action, message, issues, values: body });
    // The API's rule for 办理意见 (server/free-text.ts), so no door writes what another refuses.
    const checked = checkFreeText(commentText, body.comment, 'comment');
    if ('issue' in checked) return refuse(400, `办理意见${checked.issue.message}`, [checked.issue]);
    const comment = checked.text;
    if (NEEDS_OPINION.includes(action) && !comment) {
      return refuse(400, `${TASK_ACTION_LABELS[action]}时应填写办理意见`, [
        { field: 'comment', rule: 'required', message: `${TASK_ACTION_LABELS[action]}时应填写办理意见，说明理由` },
      ]);
    }
    const schema = intakeOf(jurisdictionOfProject(id)).payloads[`${task.data}.${action}`];
    const read = schema ? readForm(fieldsOf(schema), body, 'data') : {};
    // Files the store refused come back beside their inputs; nothing is sent.
    const fileIssues = fileIssuesOf(res);
    if (fileIssues.length)
      return refuse(
        fileIssues[0]!.status,
        '有文件未能上传，请更换后重新提交',
        fileIssues.map((f) => f.issue),
      );
    const requestId = requestIdSchema.safeParse(body.requestId);
    const identity = {
      userId: user.id,
      jurisdiction: user.jurisdiction,
      department: user.department,
      roles: [...user.roles],
      ...(user.unit ? { unit: user.unit } : {}),
    };
    try {
      // As the API does: each file named is the user's own upload or already this project's, its bytes held.
      assertVersionTakesFiles(opened, task.data, action, read);
      const files = await checkNamedFiles(deps.documents, user, id, read, 'data');
      const data = files.data as Record<string, unknown>;
      await deps.projects.act(
        id,
        { task: task.data, action, ...(comment ? { comment } : {}), data, department: user.department, actor: user.name, identity },
        requestId.success ? requestId.data : undefined,
        { taskOpen: open },
      );
      await bindRecords(deps.documents, files.records, id, log);
    } catch (thrown) {
      const err = asHttpError(thrown) ?? thrown;
      if (err instanceof HttpError && err.status < 500) {
        log({
          level: 'warn',
          msg: 'action refused',
          requestId: res.locals.requestId,
          userId: user.id,
          projectId: id,
          task: task.data,
          action,
          status: err.status,
          issues: err.issues,
        });
        if (err.status === 403 || err.status === 404) throw err;
        return refuse(err.status, err.message, err.issues);
      }
      throw err;
    }
    const title = taskTitles(jurisdictions[jurisdictionOfProject(id)]!).get(task.data) ?? task.data;
    req.session.flash = `已办理：${title} · ${TASK_ACTION_LABELS[action]}`;
    res.redirect(303, `/projects/${id}`);
  });
}

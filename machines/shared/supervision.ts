import { assign, raise } from 'xstate';
import type { Article } from './articles.js';
import { escalate, notify, record, sanction, task, titled } from './builders.js';
import { eventDate, isTaskEvent, type ProjectEvent } from './events.js';
import type { SanctionLevel } from './meta.js';
import type { BaseApplication } from './schemas.js';

/** What every chart's context has, whatever the jurisdiction. */
export interface BaseContext {
  projectId: string;
  application: BaseApplication;
  /** Payloads of completed steps by name; deadlines start from their dates. */
  records: Record<string, StepRecord>;
  supervision?: { reason: string; article: string; orderedOn: string };
}

/** What a chart is started with: the project and its validated application. */
export interface ProjectInput<A extends BaseApplication = BaseApplication> {
  projectId: string;
  application: A;
}

/**
 * Thrown when a chart is started without input. One error, made once: an actor created without
 * input computes the chart's initial state all the same, and `transition()` builds such a throwaway
 * actor on every call (the host steps through machines/shared/step.ts, which builds one per chart,
 * but tests and tools still call `transition()`), so a fresh TypeError with its stack trace there
 * would be made at every step.
 */
const missingInput = new TypeError('a project chart starts from input { projectId, application }');

/** The context every chart starts a project with; throws `missingInput` without input. */
export function projectContext<A extends BaseApplication>(input: ProjectInput<A> | undefined): ProjectInput<A> & { records: Record<string, StepRecord> } {
  if (!input) throw missingInput;
  return { projectId: input.projectId, application: input.application, records: {} };
}

/** A step's recorded payload, with when and by whom. */
export type StepRecord = Record<string, unknown> & { on: string; actor: string; department: string };

/** Actions every chart uses; spread into `setup({ actions })`. An order that names no article cites `defaultArticle`. */
export function commonActions<C extends BaseContext>(defaultArticle: Article) {
  return {
    /** Keep the event's payload as the named step's record. */
    record: assign<C, ProjectEvent, { as: string }, ProjectEvent, never>(({ context, event }, params) => {
      if (!isTaskEvent(event)) return {};
      const entry: StepRecord = { ...(event.data ?? {}), on: eventDate(event), actor: event.actor, department: event.department };
      return { records: { ...context.records, [params.as]: entry } } as Partial<C>;
    }),
    /** Remember why rectification was ordered. */
    noteOrder: assign<C, ProjectEvent, undefined, ProjectEvent, never>(({ event }) => {
      const data = isTaskEvent(event) ? event.data : undefined;
      return {
        supervision: { reason: String(data?.reason ?? ''), article: String(data?.article ?? defaultArticle.format()), orderedOn: eventDate(event) },
      } as Partial<C>;
    }),
    /** An obligation missed: the chart orders rectification itself. */
    orderRectification: raise<C, ProjectEvent, ProjectEvent, { reason: string; article: Article; by: string }, never, never>(({ event }, params) => ({
      type: 'supervision.order',
      department: params.by,
      actor: 'system',
      at: event.at,
      // As a department's order carries it: the article's text.
      data: { reason: params.reason, article: params.article.format() },
    })),
    /** Side effect: tell a department something; executed by the host as an activity. */
    notify: (_args: unknown, _params: { to: string; message: string; article: Article }) => {},
    /** Side effect: report a missed obligation to the department above; executed by the host. */
    escalate: (_args: unknown, _params: { to: string; reason: string; article: Article }) => {},
  };
}

/** One step of a supervision chain after the rectification order. */
export interface ChainStep {
  level: Exclude<SanctionLevel, 'rectification_ordered'>;
  title: string;
  /** Who hears of it (the department that applies the sanction). */
  escalateTo: string;
  /** Further departments to notify (e.g. finance to stop disbursement). */
  notify?: { to: string; message: string };
}

/** How a regulation words its supervision chain. */
export interface SupervisionSpec {
  machineId: string;
  article: Article;
  /** Departments that may order rectification. */
  supervisors: string[];
  /** Who checks the rectification and may end the project. */
  authority: string;
  /** Levels after the order, in order; each lasts a configured service level unless rectified. */
  chain: ChainStep[];
  /** Whether the regulation lets the authority end the project (false where the chain stops at suspension). */
  mayTerminate?: boolean;
}

/**
 * The supervision region every chart runs beside its lifecycle: 限期整改, then the regulation's
 * chain (通报批评, 暂缓拨付, 暂停建设 …) at each missed limit, ending in termination by the authority.
 */
export function supervisionRegion(spec: SupervisionSpec) {
  const { article, authority } = spec;
  const cited = article.format();
  const rectificationTask = task({ id: 'rectification', title: '提交整改报告', department: 'applicant', article, actions: ['submit'] });
  const terminateOffer = task({ id: 'supervision', title: '终止项目', department: authority, article, actions: ['terminate'] });
  const rectify = { 'rectification.submit': { target: 'rectificationCheck', actions: record('rectification') } };
  const mayTerminate = spec.mayTerminate ?? true;
  const terminate = !mayTerminate
    ? {}
    : {
        'supervision.terminate': {
          target: `#${spec.machineId}.terminated`,
          description: `终止项目（${cited}）`,
          actions: record('termination'),
        },
      };
  const stepDeadline = (title: string) => ({ id: 'sanction', title, article, period: { unit: 'serviceLevel' as const, key: 'sanctionStep' } });
  const chainStates = Object.fromEntries(
    spec.chain.map((step, i) => {
      const next = spec.chain[i + 1];
      const last = !next;
      return [
        step.level,
        {
          description: `${step.title}（${cited}）`,
          entry: [
            escalate({ to: step.escalateTo, reason: `逾期不整改或整改不到位：${step.title}`, article }),
            ...(step.notify ? [notify({ to: step.notify.to, message: step.notify.message, article })] : []),
          ],
          meta: sanction({
            level: step.level,
            task: rectificationTask,
            ...(last ? {} : { deadline: stepDeadline(`${step.title}后整改期限`) }),
            ...(mayTerminate ? { offers: [terminateOffer] } : {}),
          }),
          on: {
            ...rectify,
            ...terminate,
            ...(last ? {} : { 'deadline.sanction': { target: next.level, description: `仍未整改：${next.title}（${cited}）` } }),
          },
        },
      ];
    }),
  );
  const first = spec.chain[0]!.level;
  return titled('监督管理', article, {
    description: `监督管理：限期整改，逾期不整改或整改不到位的依次${spec.chain.map((c) => c.title).join('、')}${mayTerminate ? '，直至终止项目' : ''}（${cited}）`,
    initial: 'compliant',
    states: {
      compliant: titled('正常', {
        meta: {
          offers: spec.supervisors.map((d) => task({ id: 'supervision', title: '监督检查：责令限期整改', department: d, article, actions: ['order'] })),
        },
        on: { 'supervision.order': { target: 'rectificationOrdered', actions: 'noteOrder' as const } },
      }),
      rectificationOrdered: {
        meta: sanction({
          level: 'rectification_ordered',
          task: rectificationTask,
          deadline: { id: 'rectification', title: '限期整改', article, period: { unit: 'serviceLevel', key: 'rectification' } },
        }),
        on: { ...rectify, 'deadline.rectification': { target: first, description: `逾期不整改（${cited}）` } },
      },
      rectificationCheck: {
        meta: sanction({
          level: 'rectification_ordered',
          task: task({ id: 'rectificationCheck', title: '整改情况核查', department: authority, article, actions: ['approve', 'reject'] }),
        }),
        on: {
          'rectificationCheck.approve': { target: 'compliant', actions: record('rectificationAccepted') },
          'rectificationCheck.reject': { target: first, description: `整改不到位（${cited}）` },
        },
      },
      ...chainStates,
    },
  });
}

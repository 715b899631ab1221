import type { JurisdictionDefinition } from '../../machines/shared/definition.js';
import { PUBLIC_STATUSES, type StateMeta, type TaskMeta } from '../../machines/shared/meta.js';

/** A state node as the pages walk it (XState's resolved node: id, key, children, transitions). */
export interface ChartNode {
  id: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  description?: string;
  meta?: StateMeta;
  states: Record<string, ChartNode>;
  transitions: Map<string, Array<{ eventType: string; target?: ChartNode[]; guard?: unknown; description?: string }>>;
  always?: Array<{ eventType: string; target?: ChartNode[]; guard?: unknown; description?: string }>;
}

/** The chart's root node. */
export const rootOf = (def: JurisdictionDefinition) => def.machine.root as unknown as ChartNode;

/** Every state node, depth first. */
export function allNodes(def: JurisdictionDefinition): ChartNode[] {
  const out: ChartNode[] = [];
  const walk = (n: ChartNode) => {
    out.push(n);
    Object.values(n.states).forEach(walk);
  };
  walk(rootOf(def));
  return out;
}

const titleCache = new WeakMap<JurisdictionDefinition, Map<string, string>>();

/** Chinese titles of a chart's tasks and offers by task id (the first title a chart gives it). */
export function taskTitles(def: JurisdictionDefinition): Map<string, string> {
  let titles = titleCache.get(def);
  if (!titles) {
    titles = new Map();
    for (const n of allNodes(def)) {
      const tasks: TaskMeta[] = [...(n.meta?.task ? [n.meta.task] : []), ...(n.meta?.offers ?? [])];
      for (const t of tasks) if (!titles.has(t.id)) titles.set(t.id, t.title.replace(/（已逾期）$/, ''));
    }
    titleCache.set(def, titles);
  }
  return titles;
}

/** The article a description cites at its end, e.g. '（第六条第一项）' → '第六条第一项'. */
function citedArticle(description: string | undefined): string | undefined {
  const m = /（([^（）]*第[^（）]*条[^（）]*)）\s*$/.exec(description ?? '');
  return m?.[1];
}

/** Chinese names of the structural states charts share (regions, waiting and final states). */
const STATE_WORDS: Record<string, string> = {
  intake: '受理',
  project: '已立项',
  lifecycle: '建设与运行',
  supervision: '监督管理',
  compliant: '正常',
  construction: '建设实施',
  operation: '运行',
  evaluation: '绩效自评价',
  evaluated: '已自评价',
  opsFunding: '运维经费',
  opsFee: '运维费用',
  subsidy: '运营补贴',
  selfFunded: '自负盈亏',
  funding: '资金安排',
  byClass: '按项目类别',
  idle: '未申请',
  approved: '已通过',
  pending: '待审核',
  review: '联合评审',
  standard: '运营服务标准',
  check: '核查',
  published: '已发布',
  notRequired: '无需制定',
  done: '已完成',
  service: '政府购买服务类',
  usage: '使用',
  running: '运行中',
  rejected: '未通过',
};

/** A state's label for the drawing: its Chinese title and the article behind it. */
export function stateLabel(def: JurisdictionDefinition, node: ChartNode): { title: string; article?: string } {
  const m = node.meta;
  const d = node.description;
  const fromDescription = d ? d.split(/[：（，；]/)[0]!.trim() : undefined;
  const title =
    m?.task?.title ??
    // A parallel region per department (莱州's joint reviews) is named after the department.
    def.departments[node.key]?.name ??
    (fromDescription && fromDescription.length <= 14 ? fromDescription : undefined) ??
    (node.type === 'final' && m?.status ? PUBLIC_STATUSES[m.status] : undefined) ??
    STATE_WORDS[node.key] ??
    (m?.status ? PUBLIC_STATUSES[m.status] : undefined) ??
    node.key;
  const article = m?.task?.article ?? m?.deadline?.article ?? citedArticle(d);
  return {
    title,
    ...(article ? { article: typeof article === 'string' ? article.replace(new RegExp(`^${def.regulation.shortName}\\s*`), '') : article.local() } : {}),
  };
}

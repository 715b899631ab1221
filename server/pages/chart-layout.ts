import elkModule, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { chartIndex, type IndexedNode, type NodeKind } from '../../machines/chart-index.js';
import type { JurisdictionDefinition } from '../../machines/shared/definition.js';
import { TASK_ACTION_LABELS, type TaskAction } from '../../machines/shared/meta.js';

/** Font sizes of the drawing, in px; the SVG uses the same. */
export const FONT = { title: 13, article: 11, edge: 11, region: 12 } as const;

/**
 * The width of a label by our own rule, so a layout is the same on every machine whatever fonts it
 * has: Han characters and full-width punctuation count 1 em, everything else 0.6 em.
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return Math.ceil(ems * fontSize);
}

/** A state as laid out: absolute position and size, its labels, and what it is. */
export interface LaidState {
  id: string;
  kind: NodeKind;
  /** Whether its parent is a parallel state: the box is one department's region. */
  region: boolean;
  title: string;
  article?: string;
  /** The state's description (shown when the state is selected). */
  description?: string;
  depth: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A transition as laid out: its polyline, label and what it stands for. */
export interface LaidTransition {
  id: string;
  source: string;
  target: string;
  /** The event (e.g. 'requirementsReview.approve', 'deadline.contractFiling', '' for always). */
  event: string;
  label: string;
  points: Array<{ x: number; y: number }>;
  labelBox?: { x: number; y: number; width: number; height: number };
}

/** A chart's drawing geometry. */
export interface ChartLayout {
  jurisdiction: string;
  version: number;
  width: number;
  height: number;
  states: LaidState[];
  transitions: LaidTransition[];
}

/** The label of a transition: the action in Chinese, 期限届满 for a deadline, nothing for an automatic one. */
export function eventLabel(event: string): string {
  if (!event) return '';
  if (event.startsWith('deadline.')) return '期限届满';
  // A parallel state's regions all reached their final state (e.g. every department approved).
  if (event.startsWith('xstate.done.')) return '各方办结';
  const action = event.split('.')[1] as TaskAction | undefined;
  return (action && TASK_ACTION_LABELS[action]) ?? event;
}

const PAD = { x: 12, y: 8 };
const COMPOUND_HEADER = 26;

/** A state's article as its drawing shows it, without the regulation's name ('第十六条'). */
const articleText = (n: IndexedNode) => n.article?.local();

function elkGraph(def: JurisdictionDefinition): { graph: ElkNode; edges: Map<string, Omit<LaidTransition, 'points' | 'labelBox'>> } {
  const index = chartIndex(def.machine);
  const edges = new Map<string, Omit<LaidTransition, 'points' | 'labelBox'>>();
  const elkEdges: ElkExtendedEdge[] = [];
  const seen = new Set<string>();
  const nodeOf = (n: IndexedNode): ElkNode => {
    const children = n.children.map((id) => index.node(id)!);
    const title = n.title;
    const article = articleText(n);
    for (const { event, targets } of n.transitions) {
      for (const target of targets) {
        // One drawn arrow per source, target and event, however many guarded branches share it.
        const key = `${n.id}>${target}>${event}`;
        if (target === n.id || seen.has(key)) continue;
        seen.add(key);
        const id = `t${edges.size}`;
        const label = eventLabel(event);
        edges.set(id, { id, source: n.id, target, event, label });
        elkEdges.push({
          id,
          sources: [n.id],
          targets: [target],
          ...(label ? { labels: [{ text: label, width: textWidth(label, FONT.edge) + 4, height: FONT.edge + 4 }] } : {}),
        });
      }
    }
    if (children.length === 0) {
      const width = Math.max(textWidth(title, FONT.title), article ? textWidth(article, FONT.article) : 0) + PAD.x * 2;
      return { id: n.id, width: Math.max(width, 72), height: article ? 44 : 30 };
    }
    const headerWidth = textWidth(title, FONT.region) + (article ? textWidth(` ${article}`, FONT.article) : 0) + PAD.x * 2;
    return {
      id: n.id,
      layoutOptions: {
        'elk.padding': `[top=${COMPOUND_HEADER + 6},left=10,bottom=10,right=10]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${headerWidth}, 60)`,
        ...(n.kind === 'parallel' ? { 'elk.direction': 'RIGHT' } : {}),
      },
      children: children.map(nodeOf),
    };
  };
  const root = index.nodes[0]!;
  const graph: ElkNode = {
    id: '__root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '34',
      'elk.spacing.nodeNode': '22',
      'elk.spacing.edgeLabel': '2',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.edgeLabels.inline': 'true',
      'elk.json.edgeCoords': 'ROOT',
      'elk.json.shapeCoords': 'ROOT',
      // Deterministic: the same input gives the same drawing on every machine.
      'elk.randomSeed': '1',
    },
    children: root.children.map((id) => nodeOf(index.node(id)!)),
    edges: elkEdges,
  };
  return { graph, edges };
}

// A CommonJS module: under NodeNext its default import is module.exports, which is the constructor.
const ELK = elkModule as unknown as typeof elkModule.default;
const elk = new ELK();
const cache = new Map<string, Promise<ChartLayout>>();

/** The layout of a chart version, computed once per process (a chart version never changes). */
export function chartLayout(def: JurisdictionDefinition): Promise<ChartLayout> {
  const key = `${def.id}@${def.version}`;
  let layout = cache.get(key);
  if (!layout) {
    layout = computeLayout(def);
    cache.set(key, layout);
    layout.catch(() => cache.delete(key));
  }
  return layout;
}

async function computeLayout(def: JurisdictionDefinition): Promise<ChartLayout> {
  const index = chartIndex(def.machine);
  const { graph, edges } = elkGraph(def);
  const out = await elk.layout(graph);
  const states: LaidState[] = [];
  const visit = (n: ElkNode, depth: number, parentParallel: boolean) => {
    const node = index.node(n.id)!;
    const article = articleText(node);
    states.push({
      id: n.id,
      kind: node.kind,
      region: parentParallel,
      title: node.title,
      ...(article ? { article } : {}),
      ...(node.description ? { description: node.description } : {}),
      depth,
      x: n.x ?? 0,
      y: n.y ?? 0,
      width: n.width ?? 0,
      height: n.height ?? 0,
    });
    for (const c of n.children ?? []) visit(c, depth + 1, node.kind === 'parallel');
  };
  for (const c of out.children ?? []) visit(c, 0, false);
  const transitions: LaidTransition[] = [];
  const collect = (n: ElkNode) => {
    for (const e of (n.edges ?? []) as ElkExtendedEdge[]) {
      const meta = edges.get(e.id);
      const section = e.sections?.[0];
      if (!meta || !section) continue;
      const label = e.labels?.[0];
      transitions.push({
        ...meta,
        points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })),
        ...(label && label.x !== undefined ? { labelBox: { x: label.x, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 } } : {}),
      });
    }
    for (const c of n.children ?? []) collect(c);
  };
  collect(out);
  return { jurisdiction: def.id, version: def.version, width: Math.ceil(out.width ?? 0), height: Math.ceil(out.height ?? 0), states, transitions };
}

/** @jsxImportSource preact */
import { renderToString } from 'preact-render-to-string';
import { chartIndex } from '../../machines/chart-index.js';
import type { JurisdictionDefinition } from '../../machines/shared/definition.js';
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';
import { chartLayout, FONT, type ChartLayout, type LaidState, type LaidTransition } from './chart-layout.js';

/** Marks in the cached drawing where a project's classes go: __s<i>__ for states, __t<i>__ for transitions. */
const MARK = /__([st])(\d+)__/g;

/** A state's box; `articles` are the numbers of the article behind it, which the box links to. */
function StateBox({ s, i, articles }: { s: LaidState; i: number; articles: readonly number[] }) {
  const compound = s.kind === 'compound' || s.kind === 'parallel';
  return (
    <a
      href={articles.length ? `#art-${articles[0]}` : '#chart-heading'}
      class={`state kind-${s.kind}${s.region ? ' region' : ''} __s${i}__`}
      data-state={s.id}
      data-articles={articles.join(',')}
    >
      <title>{`${s.title} ${s.article ?? ''}${s.description ? `：${s.description}` : ''}`}</title>
      <rect x={s.x} y={s.y} width={s.width} height={s.height} rx={compound ? 8 : 6} />
      {s.kind === 'final' ? <rect class="final-ring" x={s.x + 3} y={s.y + 3} width={s.width - 6} height={s.height - 6} rx={4} /> : null}
      {compound ? (
        <text x={s.x + 10} y={s.y + 18} class="region-title">
          {s.title}
          {s.article ? <tspan class="article">{` ${s.article}`}</tspan> : null}
        </text>
      ) : (
        <>
          <text x={s.x + s.width / 2} y={s.y + (s.article ? 19 : 20)} text-anchor="middle" class="title">
            {s.title}
          </text>
          {s.article ? (
            <text x={s.x + s.width / 2} y={s.y + 35} text-anchor="middle" class="article">
              {s.article}
            </text>
          ) : null}
        </>
      )}
    </a>
  );
}

function Arrow({ t, i }: { t: LaidTransition; i: number }) {
  const d = t.points.map((p, k) => `${k ? 'L' : 'M'}${p.x} ${p.y}`).join(' ');
  return (
    <g
      class={`transition${t.event.startsWith('deadline.') ? ' deadline' : t.event ? '' : ' automatic'} __t${i}__`}
      data-event={t.event}
      data-source={t.source}
      data-target={t.target}
    >
      <path d={d} marker-end="url(#arrow)" />
      {t.labelBox && t.label ? (
        <text x={t.labelBox.x + t.labelBox.width / 2} y={t.labelBox.y + t.labelBox.height - 3} text-anchor="middle" class="edge-label">
          {t.label}
        </text>
      ) : null}
    </g>
  );
}

function Drawing({ def, layout }: { def: JurisdictionDefinition; layout: ChartLayout }) {
  const margin = 8;
  // Containers first, so nested states and arrows are drawn over them.
  const order = layout.states.map((s, i) => ({ s, i })).sort((a, b) => a.s.depth - b.s.depth);
  const index = chartIndex(def.machine);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="chart"
      viewBox={`${-margin} ${-margin} ${layout.width + margin * 2} ${layout.height + margin * 2}`}
      width={layout.width + margin * 2}
      height={layout.height + margin * 2}
      role="group"
      aria-label={`${def.name}审批流程图（第 ${def.version} 版）`}
      font-size={FONT.title}
    >
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0 L10 5 L0 10 z" class="arrow-head" />
        </marker>
      </defs>
      {order.map(({ s, i }) => (
        <StateBox s={s} i={i} articles={index.node(s.id)?.article?.articles ?? []} />
      ))}
      {layout.transitions.map((t, i) => (
        <Arrow t={t} i={i} />
      ))}
    </svg>
  );
}

const drawings = new Map<string, Promise<{ layout: ChartLayout; svg: string }>>();

/** The drawing of a chart version, laid out and rendered once, with marks for per-project classes. */
function drawing(def: JurisdictionDefinition) {
  const key = `${def.id}@${def.version}`;
  let d = drawings.get(key);
  if (!d) {
    d = chartLayout(def).then((layout) => ({ layout, svg: renderToString(<Drawing def={def} layout={layout} />) }));
    drawings.set(key, d);
    d.catch(() => drawings.delete(key));
  }
  return d;
}

/** Classes a project gives states and transitions: active, visited, taken. */
export interface Marks {
  active: Set<string>;
  /** Containers of an active state. */
  holdsActive: Set<string>;
  visited: Set<string>;
  taken: Set<number>;
}

const ancestors = (id: string) =>
  id
    .split('.')
    .slice(1, -1)
    .map((_, k, parts) =>
      id
        .split('.')
        .slice(0, k + 2)
        .join('.'),
    );

/**
 * What a project's history marks on its chart. Active states come from the view. The history names
 * tasks, not states, so a state is visited when its task was acted on, and a transition was taken
 * when its event is in the history and it leads from a visited state to a visited or active one (a
 * single unguarded transition also marks its target visited, e.g. a region's 已通过).
 */
export function projectMarks(def: JurisdictionDefinition, layout: ChartLayout, view: Pick<ProjectView, 'activeStates'>, history: HistoryEntry[]): Marks {
  const index = chartIndex(def.machine);
  // The innermost active states are drawn active; a container that is active itself (it carries a
  // deadline, say) is drawn as holding them.
  const ids = view.activeStates;
  const active = new Set(ids.filter((id) => !ids.some((o) => o.startsWith(`${id}.`))));
  const holdsActive = new Set([...ids.filter((id) => !active.has(id)), ...[...active].flatMap(ancestors)]);
  const actedTasks = new Set(history.filter((h) => h.kind === 'action' && h.task).map((h) => h.task!));
  const events = new Set(history.filter((h) => h.kind === 'action' && h.task && h.action).map((h) => `${h.task}.${h.action}`));
  const deadlineTitles = new Set(history.filter((h) => h.kind === 'deadline').map((h) => h.message.replace(/^期限届满：/, '')));
  for (const d of index.deadlines) if (deadlineTitles.has(d.title)) events.add(`deadline.${d.id}`);
  const visited = new Set<string>([...ids, ...holdsActive]);
  for (const t of index.tasks) if (!t.offered && actedTasks.has(t.id)) visited.add(t.stateId);
  // The initial state of the chart was passed through by every project.
  const initial = index.nodes[0]!.initial;
  if (initial) visited.add(initial);
  const reached = (id: string) => visited.has(id) || [...visited].some((v) => v.startsWith(`${id}.`));
  const taken = new Set<number>();
  for (let pass = 0; pass < 4; pass++) {
    const before = visited.size + taken.size;
    layout.transitions.forEach((t, i) => {
      if (taken.has(i) || !reached(t.source)) return;
      if (t.event && !events.has(t.event)) return;
      const siblings = layout.transitions.filter((u) => u.source === t.source && u.event === t.event);
      if (reached(t.target) || (siblings.length === 1 && t.event)) {
        taken.add(i);
        visited.add(t.target);
        ancestors(t.target).forEach((a) => visited.add(a));
      }
    });
    if (visited.size + taken.size === before) break;
  }
  return { active, holdsActive, visited, taken };
}

/**
 * A chart as SVG. With a project, its active states (every parallel region), visited states and
 * taken transitions carry classes; without, the chart is drawn unmarked.
 */
export async function projectChart(def: JurisdictionDefinition, view?: Pick<ProjectView, 'activeStates'>, history: HistoryEntry[] = []): Promise<string> {
  const { layout, svg } = await drawing(def);
  const marks = view ? projectMarks(def, layout, view, history) : undefined;
  return svg.replace(MARK, (_m, kind: string, index: string) => {
    if (!marks) return '';
    const i = Number(index);
    if (kind === 't') return marks.taken.has(i) ? 'is-taken' : '';
    const id = layout.states[i]!.id;
    return [
      marks.active.has(id) ? 'is-active' : '',
      marks.holdsActive.has(id) ? 'holds-active' : '',
      marks.visited.has(id) && !marks.active.has(id) ? 'is-visited' : '',
    ]
      .filter(Boolean)
      .join(' ');
  });
}

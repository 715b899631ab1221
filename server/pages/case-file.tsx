/** @jsxImportSource preact */
import type { HistoryEntry } from '../../contracts/messages.js';
import { intakes } from '../../machines/intake.js';
import type { JurisdictionDefinition } from '../../machines/shared/definition.js';
import { TASK_ACTION_LABELS, type TaskAction } from '../../machines/shared/meta.js';
import { changes, type Change, type TaskCase, type Version } from '../case-file.js';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatDate, formatDateTime } from './format.js';
import { sizeLabel } from './forms.js';
import { fieldLabel, valueLabel } from './labels.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isAmount = (v: unknown): v is { fen: number } => isRecord(v) && Object.keys(v).length === 1 && Number.isInteger(v.fen);
/** A file of a material as the payload holds it (machines/shared/schemas.ts fileRef). */
interface FileOfDoc {
  id: string;
  sha256: string;
  name: string;
  size: number;
  type: string;
}
/** A material as the payload holds it: 文号 and title, and its uploaded files (machines/shared/schemas.ts docRef). */
interface DocOf {
  ref?: string;
  title?: string;
  files?: FileOfDoc[];
}
const isFile = (v: unknown): v is FileOfDoc => isRecord(v) && typeof v.id === 'string' && typeof v.sha256 === 'string' && typeof v.name === 'string';
const isDocRef = (v: unknown): v is DocOf =>
  isRecord(v) &&
  (typeof v.ref === 'string' || (Array.isArray(v.files) && v.files.length > 0)) &&
  (v.ref === undefined || typeof v.ref === 'string') &&
  (v.files === undefined || (Array.isArray(v.files) && v.files.every(isFile))) &&
  Object.keys(v).every((k) => k === 'ref' || k === 'title' || k === 'files');

/** Where a project's documents open (`/projects/<id>/documents`); without it files are listed without links. */
export const DocumentBase = createContext<string | undefined>(undefined);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 元 with 角分 and thousands separators, as a reviewer reads an amount: 1,999,999.99 元. */
export function yuanLabel(fenValue: number): string {
  const whole = Math.trunc(Math.abs(fenValue) / 100).toLocaleString('en-US');
  return `${fenValue < 0 ? '-' : ''}${whole}.${String(Math.abs(fenValue) % 100).padStart(2, '0')} 元`;
}

/** An opinion or approval the authority issued (contracts/view.ts IssuedDocument): its kind, its 文号, a link to its PDF. */
export function IssuedLink({ issued }: { issued: NonNullable<HistoryEntry['issued']> }) {
  const base = useContext(DocumentBase);
  const f = issued.document;
  return (
    <div class="issued" data-issued={issued.number} data-document={f.id} data-sha256={f.sha256}>
      <span class="doc-ref">{issued.number}</span> 《{issued.kind}》
      {base ? (
        <>
          {' '}
          <a href={`${base}/${f.id}`} target="_blank" rel="noopener">
            {f.name}
          </a>{' '}
          <a class="small" href={`${base}/${f.id}?download=1`}>
            下载
          </a>
        </>
      ) : (
        <span> {f.name}</span>
      )}
      <span class="small muted">
        （{sizeLabel(f.size)}，SHA-256 {f.sha256.slice(0, 12)}…）
      </span>
    </div>
  );
}

/** A material as the case file names it: its 文号 and title, and a link to each of its files. */
function DocRef({ doc }: { doc: DocOf }) {
  const base = useContext(DocumentBase);
  return (
    <span class="doc" data-doc-ref={doc.ref}>
      {doc.ref ? <span class="doc-ref">{doc.ref}</span> : null}
      {doc.title ? <span class="doc-title">《{doc.title}》</span> : null}
      {doc.files?.length ? (
        <ul class="doc-files">
          {doc.files.map((f) => (
            <li data-document={f.id} data-sha256={f.sha256}>
              {base ? (
                <a href={`${base}/${f.id}`} target="_blank" rel="noopener">
                  {f.name}
                </a>
              ) : (
                <span>{f.name}</span>
              )}
              <span class="small muted">
                （{sizeLabel(f.size)}，SHA-256 {f.sha256.slice(0, 12)}…）
              </span>
              {base ? (
                <a class="small" href={`${base}/${f.id}?download=1`}>
                  下载
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </span>
  );
}

/** A value for people: 是/否, enum labels, days, amounts in 元, documents. */
function Value({ name, value }: { name: string; value: unknown }) {
  if (value === undefined || value === null) return <span class="muted">—</span>;
  if (typeof value === 'boolean') return <span>{value ? '是' : '否'}</span>;
  if (isAmount(value)) return <span class="amount">{yuanLabel(value.fen)}</span>;
  if (isDocRef(value)) return <DocRef doc={value} />;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return <span>{value.map((v) => valueLabel(name, v)).join('、')}</span>;
  if (typeof value === 'string') return ISO_DAY.test(value) ? <time dateTime={value}>{formatDate(value)}</time> : <span>{valueLabel(name, value)}</span>;
  return <span>{String(value)}</span>;
}

/**
 * A payload as a list of labelled facts; a nested object (not a document or an amount) as facts of its own,
 * a list of rows (分年度预算) as one line per row. `amountFields`: names holding whole yuan on projects from before 角/分.
 */
export function Facts({ data, path = [], amountFields = AMOUNTS }: { data: Record<string, unknown>; path?: string[]; amountFields?: ReadonlySet<string> }) {
  const entries = Object.entries(data).filter(([, v]) => v !== undefined);
  if (!entries.length) return <p class="muted small">（无填报内容）</p>;
  return (
    <dl class="facts case-facts">
      {entries.map(([name, v]) => {
        const p = [...path, name];
        const nested = isRecord(v) && !isAmount(v) && !isDocRef(v);
        const rows = Array.isArray(v) && v.some(isRecord);
        const yuan = typeof v === 'number' && amountFields?.has(name) ? { fen: Math.round(v * 100) } : v;
        return (
          <>
            <dt data-field={p.join('.')}>{fieldLabel(p)}</dt>
            <dd data-field={p.join('.')}>
              {nested ? (
                <Facts data={v} path={p} {...(amountFields ? { amountFields } : {})} />
              ) : rows ? (
                <ol class="case-rows">
                  {(v as unknown[]).map((row) => (
                    <li>{isRecord(row) ? <Facts data={row} path={p} {...(amountFields ? { amountFields } : {})} /> : String(row)}</li>
                  ))}
                </ol>
              ) : (
                <Value name={name} value={yuan} />
              )}
            </dd>
          </>
        );
      })}
    </dl>
  );
}

/** Names of the jurisdiction's fields that hold amounts (totalBudget, securityBudget, …), for projects from before 角/分. */
const AMOUNTS = new Set(['totalBudget', 'securityBudget', 'amount', 'newTotalBudget', 'increase', 'decrease', 'newContent', 'tenderSavings']);

/**
 * The whole application, grouped as the jurisdiction's labels group it, each group with its article;
 * `compact` inside a task card or a timeline entry (folded, no page heading).
 */
export function ApplicationFacts({ def, application, compact }: { def: JurisdictionDefinition; application: Record<string, unknown>; compact?: string }) {
  const groups = intakes[def.id]?.labels.groups ?? [];
  const named = new Set(groups.flatMap((g) => g.fields));
  const rest = Object.keys(application).filter((k) => !named.has(k));
  const plain = rest.filter((k) => !isRecord(application[k]) || isAmount(application[k]) || isDocRef(application[k]));
  const own = rest.filter((k) => !plain.includes(k));
  const pick = (keys: readonly string[]) => Object.fromEntries(keys.filter((k) => application[k] !== undefined).map((k) => [k, application[k]]));
  type Section = { title: string; article?: string; data: Record<string, unknown>; path?: string[] };
  const sections = (
    [
      ...groups.map((g) => ({ title: g.title, ...(g.article ? { article: g.article.format() } : {}), data: pick(g.fields) })),
      ...(plain.length ? [{ title: groups.length ? '其他申报内容' : '申报内容', data: pick(plain) }] : []),
      ...own.map((k) => ({ title: fieldLabel([k]), data: application[k] as Record<string, unknown>, path: [k] })),
    ] as Section[]
  )
    .filter((s) => Object.keys(s.data).length)
    // A group of one nested object (党委（党组）会议集体研究) shows that object's fields under the group's title.
    .map((s): Section => {
      const keys = Object.keys(s.data);
      const only = keys.length === 1 && !s.path ? s.data[keys[0]!] : undefined;
      return isRecord(only) && !isAmount(only) && !isDocRef(only) ? { ...s, data: only, path: [keys[0]!] } : s;
    });
  const body = sections.map((s) => (
    <section class="case-group">
      {compact ? (
        <h5>
          {s.title}
          {s.article ? <span class="article small">（{s.article}）</span> : null}
        </h5>
      ) : (
        <h3>
          {s.title}
          {s.article ? <span class="article small">（{s.article}）</span> : null}
        </h3>
      )}
      <Facts data={s.data} {...(s.path ? { path: s.path } : {})} amountFields={AMOUNTS} />
    </section>
  ));
  return compact ? (
    <details class="case-application compact">
      <summary>{compact}</summary>
      {body}
    </details>
  ) : (
    <section class="case-application" aria-labelledby="application-heading">
      <h2 id="application-heading">申报内容</h2>
      {body}
    </section>
  );
}

/** The fields that changed from one version to the next, with their labels. */
export function ChangeList({ list }: { list: Change[] }) {
  if (!list.length) return <p class="small muted">与上一版相比没有变化。</p>;
  return (
    <table class="case-changes">
      <thead>
        <tr>
          <th scope="col">项目</th>
          <th scope="col">上一版</th>
          <th scope="col">本次</th>
        </tr>
      </thead>
      <tbody>
        {list.map((c) => {
          const field = c.path.filter((p) => !/^\d+$/.test(p));
          return (
            <tr data-field={c.path.join('.')}>
              <th scope="row">{field.map((_, i) => fieldLabel(field.slice(0, i + 1))).join(' · ')}</th>
              <td class="before">{c.before !== undefined ? <Value name={field[field.length - 1]!} value={c.before} /> : <span class="muted">（无）</span>}</td>
              <td class="after">{c.after !== undefined ? <Value name={field[field.length - 1]!} value={c.after} /> : <span class="muted">（删除）</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const actionTitle = (h: HistoryEntry, taskTitle: (id: string) => string) =>
  `${h.task ? taskTitle(h.task) : ''} · ${TASK_ACTION_LABELS[h.action as TaskAction] ?? h.action ?? ''}`;

/** A return's opinion, who gave it and when. */
export function ReturnOpinion({ entry, departmentName, lead }: { entry: HistoryEntry; departmentName: (id: string) => string; lead: string }) {
  return (
    <div class="return-opinion" role="note" data-return-seq={entry.seq}>
      <strong>{lead}</strong>
      <span class="small">
        {entry.department ? departmentName(entry.department) : ''}
        {entry.actor ? ` · ${entry.actor}` : ''} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </span>
      {entry.comment ? <blockquote class="opinion">意见：{entry.comment}</blockquote> : null}
    </div>
  );
}

/** One version of a step: its number, when it was sent, its data. */
function VersionFacts({ v, open }: { v: Version; open: boolean }) {
  return (
    <details class="case-version" data-version={v.number} open={open}>
      <summary>
        第 {v.number} 版（v{v.number}） · <time dateTime={v.entry.at}>{formatDateTime(v.entry.at)}</time> 提交{v.entry.actor ? ` · ${v.entry.actor}` : ''}
      </summary>
      <Facts data={v.entry.data ?? {}} amountFields={AMOUNTS} />
      {v.entry.comment ? <blockquote class="opinion">说明：{v.entry.comment}</blockquote> : null}
    </details>
  );
}

/**
 * On a task card: what the task decides on (every version of the papers before it, the latest open,
 * and what changed since the last review), or the return opinion an applicant's task answers.
 */
export function TaskCaseFile({ c, departmentName, taskTitle }: { c: TaskCase; departmentName: (id: string) => string; taskTitle: (id: string) => string }) {
  const versions = c.submitted?.versions ?? [];
  const latest = versions[versions.length - 1];
  const previous = versions[versions.length - 2];
  return (
    <div class="case-file">
      {c.lastReturn ? (
        <ReturnOpinion
          entry={c.lastReturn}
          departmentName={departmentName}
          lead={c.answers ? `退回修改：${actionTitle(c.lastReturn, taskTitle)}` : `上次退回修改（${actionTitle(c.lastReturn, taskTitle)}）`}
        />
      ) : null}
      {c.submitted && latest ? (
        <section class="case-submitted" aria-label={`${c.answers ? '已提交' : '送审材料'}：${taskTitle(c.submitted.task)}`}>
          <h4>
            {c.answers ? '已提交的版本' : `送审材料：${taskTitle(c.submitted.task)}`}
            {versions.length > 1 || c.answers ? <span class="badge">第 {latest.number} 版</span> : null}
          </h4>
          {previous && !c.answers ? (
            <section class="case-diff" aria-label="与上次评审相比的变化">
              <h5>
                与上次评审相比的变化（v{previous.number} → v{latest.number}）
              </h5>
              <ChangeList list={changes(previous.entry.data ?? {}, latest.entry.data ?? {})} />
            </section>
          ) : null}
          {/* The applicant's own versions stay folded: the form below holds the latest. */}
          {[...versions].reverse().map((v) => (
            <VersionFacts v={v} open={v === latest && !c.answers} />
          ))}
        </section>
      ) : null}
    </div>
  );
}

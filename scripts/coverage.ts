/**
 * Writes docs/coverage.md: for every article of every regulation, the chart elements, rules,
 * intake refusals and validity dates that implement it, or why it has no process step. Fails when
 * an article has neither or both, or a citation names an article the text lacks; with --check,
 * also when the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Expression, Node, ObjectLiteralExpression, SourceFile } from 'typescript/unstable/ast';
import {
  isArrayLiteralExpression,
  isCallExpression,
  isIdentifier,
  isNoSubstitutionTemplateLiteral,
  isNumericLiteral,
  isObjectLiteralExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isStringLiteral,
  isTemplateExpression,
} from 'typescript/unstable/ast/is';
import { API } from 'typescript/unstable/sync';
import { coverageNotes } from '../machines/coverage.js';
import { jurisdictions } from '../machines/index.js';
import { chartIndex } from '../machines/chart-index.js';
import { citedArticles } from '../machines/shared/articles.js';
import type { JurisdictionDefinition } from '../machines/shared/definition.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Intake sources of a jurisdiction, with the prefix the API gives their fields in a refusal. */
const INTAKE_SOURCES = { 'application.ts': 'application', 'payloads.ts': 'data' } as const;

/** A place that implements articles, e.g. a chart state or the intake field a refusal names. */
export interface Citation {
  where: string;
  articles: number[];
}

/**
 * Parse TypeScript files with TypeScript's own parser (the native compiler, through its API).
 * Comments are trivia to a parser, never nodes, so nothing read from the tree can come from one.
 */
export function parseSources(files: string[]): Map<string, SourceFile> {
  const api = new API({ cwd: root });
  try {
    const snapshot = api.updateSnapshot({ openFiles: files });
    return new Map(
      files.map((file) => {
        const source = snapshot.getDefaultProjectForFile(file)?.program.getSourceFile(file);
        if (!source) throw new Error(`cannot parse ${file}`);
        return [file, source];
      }),
    );
  } finally {
    api.close();
  }
}

/** The literal text of a string or template (substitutions as `${}`), or undefined for anything else. */
function literalText(node: Node): string | undefined {
  if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('${}');
  return undefined;
}

/**
 * The articles a citation in source names: a regulation's citing call (`art(16)`, `art(10, item)`,
 * `art([33, 34])`, also as `art(7).format()`), or a string or template that names them; undefined
 * for anything else.
 */
function citedIn(node: Node): number[] | undefined {
  const call =
    isCallExpression(node) && isPropertyAccessExpression(node.expression) && node.expression.name.text === 'format' ? node.expression.expression : node;
  if (isCallExpression(call) && isIdentifier(call.expression) && call.expression.text === 'art') {
    const [first] = call.arguments;
    if (first && isNumericLiteral(first)) return [Number(first.text)];
    if (first && isArrayLiteralExpression(first)) {
      const numbers = first.elements.map((e) => (isNumericLiteral(e) ? Number(e.text) : NaN));
      return numbers.every(Number.isInteger) ? numbers : undefined;
    }
    return undefined;
  }
  const text = literalText(node);
  return text === undefined ? undefined : citedArticles(text);
}

/** The value of an object literal's property, by name. */
function property(object: ObjectLiteralExpression, name: string): Expression | undefined {
  for (const p of object.properties) if (isPropertyAssignment(p) && isIdentifier(p.name) && p.name.text === name) return p.initializer;
  return undefined;
}

/**
 * Refusals in an intake source that cite an article, named by the field they refuse:
 * `articleIssue(path, message, article)` and issue objects `{ field, …, article }`. Only citing calls
 * (`art(9)`) and string and template literals in those positions count; a comment, or a label that
 * refuses nothing, never does.
 */
export function intakeRefusals(source: SourceFile, prefix: string): Citation[] {
  const found: Citation[] = [];
  const visit = (node: Node): void => {
    if (isCallExpression(node) && isIdentifier(node.expression) && node.expression.text === 'articleIssue') {
      const [fieldPath, , article] = node.arguments;
      const articles = article && citedIn(article);
      if (fieldPath && isArrayLiteralExpression(fieldPath) && articles) {
        found.push({ where: [prefix, ...fieldPath.elements.map((e) => literalText(e) ?? '*')].join('.'), articles });
      }
    }
    if (isObjectLiteralExpression(node)) {
      const article = property(node, 'article');
      const field = property(node, 'field');
      const articles = article && citedIn(article);
      if (articles && field) found.push({ where: literalText(field) ?? `${prefix}.*`, articles });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

/** Where each article is implemented: chart states and transitions, rules, intake refusals, validity dates. */
export function citations(def: JurisdictionDefinition, sources: Map<string, SourceFile>): Map<number, Set<string>> {
  const found = new Map<number, Set<string>>();
  const add = (articles: number[], where: string) => {
    for (const n of articles) (found.get(n) ?? found.set(n, new Set()).get(n)!).add(where);
  };
  // The chart is read as the running object, so only what it holds (descriptions, meta, params) counts.
  for (const node of chartIndex(def.machine).nodes) add([...node.cites], [def.machine.id, ...node.path].join('.'));
  for (const [id, rule] of Object.entries(def.rules)) add([...rule.article.articles], `rule ${id}`);
  const r = def.regulation;
  if (r.validityArticle) {
    for (const field of ['validFrom', 'validUntil'] as const) if (r[field]) add([...r.validityArticle.articles], `regulation.${field}`);
  }
  for (const [file, prefix] of Object.entries(INTAKE_SOURCES)) {
    const source = sources.get(intakeSource(def, file));
    if (!source) throw new Error(`${def.id}/${file} was not parsed`);
    for (const c of intakeRefusals(source, prefix)) add(c.articles, c.where);
  }
  return found;
}

const intakeSource = (def: JurisdictionDefinition, file: string) => path.join(root, 'machines', def.id, file);

/** What is wrong with the coverage table. */
export interface CoverageProblems {
  /** Articles with neither an implementation nor a reason. */
  missing: string[];
  /** Articles with an implementation and also a reason why they have none. */
  contradicted: string[];
  /** Citations of articles the regulation does not have. */
  unknown: string[];
}

/** The coverage table as Markdown, with its problems. `notes` defaults to machines/coverage.ts. */
export function coverage(notesByJurisdiction = coverageNotes): { markdown: string } & CoverageProblems {
  const defs = Object.values(jurisdictions);
  const sources = parseSources(defs.flatMap((def) => Object.keys(INTAKE_SOURCES).map((file) => intakeSource(def, file))));
  const lines = [
    '# Coverage of the regulations',
    '',
    'Generated by `npm run coverage` from the charts (states, transitions, tasks, deadlines), the rule books, the intake refusals',
    '(`application.*`, `data.*`: fields refused with the article) and the regulations’ validity dates; comments never count.',
    'Checked by `npm test`.',
    '',
  ];
  const missing: string[] = [];
  const contradicted: string[] = [];
  const unknown: string[] = [];
  for (const def of defs) {
    const notes = notesByJurisdiction[def.id]!;
    const cited = citations(def, sources);
    for (const [n, where] of cited) if (n > notes.articles) unknown.push(`${def.name} 第${n}条 (${[...where].join(', ')})`);
    lines.push(`## ${def.name} — ${def.regulation.title}（${def.regulation.document}）`, '', '| 条 | 实现 | 说明 |', '|---|---|---|');
    for (let n = 1; n <= notes.articles; n++) {
      const where = [...(cited.get(n) ?? [])];
      const note = notes.reasons[n] ?? '';
      if (where.length === 0 && !note) missing.push(`${def.name} 第${n}条`);
      if (where.length > 0 && note) contradicted.push(`${def.name} 第${n}条 (${where.join(', ')}; ${note})`);
      const shown = where.length > 6 ? `${where.slice(0, 6).join('<br>')}<br>… (+${where.length - 6})` : where.join('<br>');
      lines.push(`| ${n} | ${shown || '—'} | ${note} |`);
    }
    lines.push('');
  }
  return { markdown: `${lines.join('\n')}\n`, missing, contradicted, unknown };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { commandLine } = await import('../runtime/cli.js');
  const { values } = commandLine({ options: { check: { type: 'boolean' } } }, 'npm run coverage [-- --check]  (npm run coverage:check)');
  const { markdown, missing, contradicted, unknown } = coverage();
  const file = path.join(root, 'docs', 'coverage.md');
  const problems = [
    ['articles with neither an implementation nor a stated reason (comments do not count)', missing],
    ['articles implemented and also given a reason for having no process step (drop the reason)', contradicted],
    ['citations of articles the regulation does not have', unknown],
  ] as const;
  for (const [title, list] of problems) if (list.length) console.error(`${title}:\n  ${list.join('\n  ')}`);
  if (problems.some(([, list]) => list.length)) process.exit(1);
  if (values.check) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== markdown) {
      console.error('docs/coverage.md is out of date — run npm run coverage');
      process.exit(1);
    }
    console.log('coverage table in sync');
  } else {
    writeFileSync(file, markdown);
    console.log('docs/coverage.md written');
  }
}

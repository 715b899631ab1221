import { getNextTransitions, type AnyMachineSnapshot } from 'xstate';
import type { Article } from './articles.js';
import { isTaskEvent, type ProjectEvent } from './events.js';

/** One regulatory condition, checked by a chart guard and explained when it fails. */
export interface Rule<C> {
  /** The field the applicant must correct, as a dotted path into the request or project. */
  field: string;
  /** Where the regulation says so (微山 第三十六条). */
  article: Article;
  message: string;
  holds(context: C, event: ProjectEvent): boolean;
}

/** A jurisdiction's rules by id. */
export type RuleBook<C> = Record<string, Rule<C>>;

/** The payload of a task event; empty for a deadline. */
export const data = (e: ProjectEvent): Record<string, unknown> => (isTaskEvent(e) && e.data) || {};

/** Whether the unit answered yes to `key` in the payload. */
export const declared = (e: ProjectEvent, key: string): boolean => data(e)[key] === true;

/** Whether the payload carries `key` (a document or value given). */
export const present = (e: ProjectEvent, key: string): boolean => data(e)[key] !== undefined;

/** A rule, its parts in the order a reader of the regulation looks for them. */
export const rule = <C>(field: string, article: Article, message: string, holds: Rule<C>['holds']): Rule<C> => ({ field, article, message, holds });

/** A rule that holds when the unit declares `data.<key>` true. */
export const declaredRule = <C>(key: string, article: Article, message: string): Rule<C> => rule(`data.${key}`, article, message, (_c, e) => declared(e, key));

/** A rule that holds when the payload carries `data.<key>`. */
export const presentRule = <C>(key: string, article: Article, message: string): Rule<C> => rule(`data.${key}`, article, message, (_c, e) => present(e, key));

/** A rule that did not hold for a refused event, with its article as people read it ('微山 第三十六条'). */
export interface Violation {
  rule: string;
  field: string;
  article: string;
  message: string;
}

/** Guard reference for a transition allowed only when all the named rules hold. */
export const rulesHold = (...rules: string[]) => ({ type: 'rulesHold' as const, params: { rules } });

/**
 * Each rule's verdict on one event in one context, so the guard that decides and the explanation
 * of a refusal evaluate a rule once between them. Keyed by the event object: a verdict is never
 * reused for another event, whatever its content.
 */
const verdicts = new WeakMap<object, { context: unknown; byRule: Map<string, boolean> }>();

function holds<C>(book: RuleBook<C>, id: string, context: C, event: ProjectEvent): boolean {
  let seen = verdicts.get(event);
  if (!seen || seen.context !== context) verdicts.set(event, (seen = { context, byRule: new Map() }));
  let verdict = seen.byRule.get(id);
  if (verdict === undefined) seen.byRule.set(id, (verdict = ruleOf(book, id).holds(context, event)));
  return verdict;
}

/** The implementation of the `rulesHold` guard for a rule book. */
export function rulesHoldGuard<C>(book: RuleBook<C>) {
  return ({ context, event }: { context: C; event: ProjectEvent }, params: { rules: string[] }) => params.rules.every((id) => holds(book, id, context, event));
}

function ruleOf<C>(book: RuleBook<C>, id: string): Rule<C> {
  const rule = book[id];
  if (!rule) throw new Error(`unknown rule '${id}'`);
  return rule;
}

interface GuardRef {
  type?: string;
  params?: { rules?: string[] };
}

/**
 * Why an event the chart listens for in this state was refused: the rules named by the
 * `rulesHold` guards of the transitions that would otherwise have taken it. Empty when the
 * state does not listen for the event at all (the action is simply not possible now).
 */
export function explainRefusal<C>(snapshot: AnyMachineSnapshot, event: ProjectEvent, book: RuleBook<C>): Violation[] {
  const violations: Violation[] = [];
  for (const transition of getNextTransitions(snapshot)) {
    if (transition.eventType !== event.type) continue;
    const guard = transition.guard as GuardRef | undefined;
    if (guard?.type !== 'rulesHold' || !guard.params?.rules) continue;
    for (const id of guard.params.rules) {
      if (!holds(book, id, snapshot.context as C, event)) {
        const rule = ruleOf(book, id);
        violations.push({ rule: id, field: rule.field, article: rule.article.format(), message: rule.message });
      }
    }
  }
  return violations;
}

/** True when some active state has a transition for this event type, guarded or not. */
export function listensFor(snapshot: AnyMachineSnapshot, eventType: string): boolean {
  return getNextTransitions(snapshot).some((t) => t.eventType === eventType);
}

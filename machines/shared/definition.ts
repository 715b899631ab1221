import type { AnyStateMachine } from 'xstate';
import type { Article } from './articles.js';
import type { RuleBook } from './rules.js';

/** A department that acts in a jurisdiction's process. */
export interface Department {
  name: string;
  /** Who a missed step of this department is escalated to. */
  superior: string;
}

/** The regulation a chart encodes. */
export interface Regulation {
  /** How the charts cite it, e.g. '昆都仑' in '昆都仑 第十一条' (machines/shared/articles.ts `citing`). */
  shortName: string;
  title: string;
  document: string;
  issued: string;
  /** First day it applies to new applications; absent where the text does not say. */
  validFrom?: string;
  /** Last day it applies to new applications; absent = no end date known. */
  validUntil?: string;
  /** How the text words its validity, where dates cannot say it all. */
  validity?: string;
  /** The article that sets `validFrom` and `validUntil` (莱州 第四十二条); cited in every notice about them. */
  validityArticle?: Article;
}

/**
 * One jurisdiction's chart and the data the workflow needs around it. Pure and free of zod: the
 * workflow bundle is evaluated once per cached project, so what it imports is paid per project.
 * Intake and payload schemas live in machines/intake.ts, used where requests arrive.
 */
export interface JurisdictionDefinition {
  id: string;
  name: string;
  regulation: Regulation;
  /** Bumped whenever the chart changes in a way a running project could notice. */
  version: number;
  machine: AnyStateMachine;
  departments: Record<string, Department>;
  rules: RuleBook<never>;
}

/** Days before a regulation's end from which the product warns about it. */
export const EXPIRY_WARNING_DAYS = 90;

/** Whether a regulation applies to a new application on `today` (YYYY-MM-DD), with a notice for people. */
export function regulationStatus(r: Regulation, today: string): { inForce: boolean; notice?: string } {
  const cite = r.validityArticle ? `（${r.validityArticle.format()}）` : '';
  if (r.validFrom && today < r.validFrom) return { inForce: false, notice: `${r.validFrom} 起施行${cite}` };
  if (r.validUntil && today > r.validUntil) return { inForce: false, notice: `已于 ${r.validUntil} 期满失效，新申报不适用${cite}` };
  if (r.validUntil) {
    const daysLeft = Math.round((Date.parse(r.validUntil) - Date.parse(today)) / 86_400_000);
    if (daysLeft <= EXPIRY_WARNING_DAYS) return { inForce: true, notice: `将于 ${r.validUntil} 期满（剩余 ${daysLeft} 天）${cite}` };
  }
  return { inForce: true, ...(r.validity ? { notice: r.validity } : {}) };
}

/**
 * A definition whose chart is built on first use. Workflow isolates evaluate the bundle once per
 * project, so building only the project's own chart keeps each cached workflow small.
 */
export function lazy(build: () => AnyStateMachine, rest: Omit<JurisdictionDefinition, 'machine'>): JurisdictionDefinition {
  let machine: AnyStateMachine | undefined;
  return Object.defineProperty(rest, 'machine', { get: () => (machine ??= build()), enumerable: true }) as JurisdictionDefinition;
}

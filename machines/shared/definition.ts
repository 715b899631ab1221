import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { RuleBook } from './rules.js';

/** A department that acts in a jurisdiction's process. */
export interface Department {
  name: string;
  /** Who a missed step of this department is escalated to. */
  superior: string;
}

/** The regulation a chart encodes. */
export interface Regulation {
  title: string;
  document: string;
  issued: string;
  /** First day it applies to new applications. */
  validFrom: string;
  /** Last day it applies to new applications; absent = no end date. */
  validUntil?: string;
}

/** Everything about one jurisdiction: its chart and the data around it. Pure. */
export interface JurisdictionDefinition {
  id: string;
  name: string;
  regulation: Regulation;
  /** Bumped whenever the chart changes in a way a running project could notice. */
  version: number;
  machine: AnyStateMachine;
  departments: Record<string, Department>;
  applicationSchema: z.ZodType<Record<string, unknown>>;
  /** Schemas of task payloads by `${task}.${action}`; actions not listed carry no data. */
  payloads: Record<string, z.ZodType<Record<string, unknown>>>;
  rules: RuleBook<never>;
}

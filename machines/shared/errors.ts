/**
 * What a refused request looks like wherever it is refused: the chart, the workflow's validator
 * or the API. The HTTP layer alone decides the status each kind answers with.
 */

/** One reason a request was refused, naming the field and, where a regulation is the reason, the article. */
export interface Issue {
  field: string;
  rule: string;
  message: string;
  article?: string;
}

/** Why an action was refused; `kind` maps to 400 (invalid, rule), 403 (forbidden), 409 (conflict) and 422 (an idempotency key reused). */
export interface Refusal {
  kind: 'invalid' | 'forbidden' | 'conflict' | 'reused';
  message: string;
  issues: Issue[];
}

/** True when a check answered with a refusal rather than the thing it checked. */
export const isRefusal = <T extends object>(r: T | Refusal): r is Refusal => 'kind' in r && 'issues' in r && !('type' in r);

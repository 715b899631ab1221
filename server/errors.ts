import type { Issue } from '../machines/shared/errors.js';

/** An error the API answers with its status and one shape: code, message, issues (field, rule, article). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 400 naming the fields. */
export const badRequest = (message: string, issues: Issue[]) => new HttpError(400, 'invalid_request', message, issues);
/** 404 for an unknown resource. */
export const notFound = (message: string) => new HttpError(404, 'not_found', message);

/** A value from the request as an error message may echo it: at most 40 characters. */
export const shortId = (value: unknown): string => {
  const s = String(value);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

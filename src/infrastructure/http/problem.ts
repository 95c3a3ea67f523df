/** RFC 9457 problem document. `type` is stable per error; clients switch on it, not on `detail`. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId: string;
  [extension: string]: unknown;
}

export interface FieldError {
  /** JSON Pointer into the request body or query (RFC 6901). */
  pointer: string;
  detail: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export const problemType = (code: string): string => `urn:corridor:problem:${code}`;

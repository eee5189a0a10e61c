// RFC 9457 problem documents: the one error type of the API and the one place that renders it.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type FieldError = { field: string; message: string };

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Thrown by handlers and middleware; turned into application/problem+json by `onError`. */
export class Problem extends HTTPException {
  readonly body: ProblemBody;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    detail: string,
    extra: { type?: string; errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(status, { message: detail });
    const { type, errors, headers, ...extensions } = extra;
    this.headers = headers ?? {};
    this.body = {
      type: type ?? `https://osservatorio.dev/problems/${status}`,
      title: titles[status] ?? 'Error',
      status,
      detail,
      ...(errors ? { errors } : {}),
      ...extensions,
    };
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The document's text, with the path it answers as `instance`. */
export function problemText(p: Problem, pathname: string): string {
  const body: ProblemBody = { ...p.body, instance: pathname };
  return JSON.stringify(body);
}

export function problemResponse(c: Context, p: Problem): Response {
  return new Response(problemText(p, new URL(c.req.url).pathname), {
    status: p.body.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...p.headers },
  });
}

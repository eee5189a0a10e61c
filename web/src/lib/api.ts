// Fetch helpers for the web app: JSON in, JSON out, problem documents turned into errors.
export type Problem = { type?: string; title: string; status: number; detail?: string; errors?: { field: string; message: string }[] };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(path, {
    ...rest,
    headers: { accept: 'application/json', ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
    credentials: 'same-origin',
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(body ?? { title: res.statusText, status: res.status });
  return body as T;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * For signed-in pages: an `api` that echoes the session's CSRF token on every state-changing
 * request, and tells `onUnauthorized` when the session has ended (401) so the page can sign in again.
 */
export function csrfApi(getToken: () => string | null, onUnauthorized?: () => void) {
  return async <T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> => {
    const method = (init.method ?? 'GET').toUpperCase();
    const token = getToken();
    const headers = { ...(token && !SAFE_METHODS.has(method) ? { 'x-csrf-token': token } : {}), ...(init.headers as Record<string, string> | undefined) };
    try {
      return await api<T>(path, { ...init, headers });
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 401) onUnauthorized?.();
      throw e;
    }
  };
}

/** The field messages of a validation problem, keyed by field name, for showing beside inputs. */
export function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  return Object.fromEntries((e.problem.errors ?? []).map((f) => [f.field, f.message]));
}

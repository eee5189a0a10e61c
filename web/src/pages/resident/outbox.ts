// Submissions waiting for the server, kept in localStorage so a poor connection or a closed tab
// loses nothing. Each item keeps its body (and so its client UUID) and is re-sent unchanged
// until the server acknowledges it; the API stores a repeated id once, so retries never duplicate.
// Items go out in order: a perception answer waits for the report it belongs to.

export type OutboxItem = {
  /** The signal id (reports) or `${id}/perception`. */
  key: string;
  kind: 'signal' | 'perception';
  url: string;
  body: unknown;
  savedAt: number;
  attempts: number;
  /** Not before this time (ms): backoff after a failure, or the server's Retry-After. */
  notBefore: number;
};

export type OutboxEvent =
  | { type: 'sent'; item: OutboxItem; response: unknown }
  | { type: 'rejected'; item: OutboxItem; status: number; detail: string; problemType: string | null; diagnosisStatus: string | null }
  | { type: 'waiting'; item: OutboxItem }
  | { type: 'changed' };

const STORAGE_KEY = 'osservatorio.outbox.v1';
const MAX_BACKOFF_MS = 60_000;

function load(): OutboxItem[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const items = raw ? (JSON.parse(raw) as OutboxItem[]) : [];
    return Array.isArray(items) ? items : [];
  } catch {
    return [];
  }
}

function save(items: OutboxItem[]) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(items));
}

const listeners = new Set<(e: OutboxEvent) => void>();
const emit = (e: OutboxEvent) => listeners.forEach((l) => l(e));

export function subscribe(listener: (e: OutboxEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function pending(): OutboxItem[] {
  return load();
}

/** Keeps the submission on the device first, then tries to send it. */
export function enqueue(item: Omit<OutboxItem, 'savedAt' | 'attempts' | 'notBefore'>): void {
  const items = load().filter((i) => i.key !== item.key);
  items.push({ ...item, savedAt: Date.now(), attempts: 0, notBefore: 0 });
  save(items);
  emit({ type: 'changed' });
  void flush();
}

function update(key: string, change: (i: OutboxItem) => OutboxItem | null) {
  const items = load().flatMap((i) => {
    if (i.key !== key) return [i];
    const next = change(i);
    return next ? [next] : [];
  });
  save(items);
  emit({ type: 'changed' });
}

let flushing: Promise<void> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(at: number) {
  clearTimeout(timer);
  timer = setTimeout(() => void flush(), Math.max(0, at - Date.now()));
}

async function sendOne(item: OutboxItem): Promise<'done' | 'wait'> {
  let res: Response;
  try {
    res = await fetch(item.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(item.body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    // Offline or the connection dropped: try again later, with the same id.
    return backoff(item, null);
  }
  const text = await res.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (res.ok) {
    update(item.key, () => null);
    emit({ type: 'sent', item, response: json });
    return 'done';
  }
  // Worth retrying: the server or the network is struggling, or this client is rate-limited.
  if (res.status === 408 || res.status === 429 || res.status >= 500) {
    const retryAfter = Number(res.headers.get('retry-after'));
    return backoff(item, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null);
  }
  // Any other refusal is final: sending the same body again would get the same answer.
  update(item.key, () => null);
  const problem = json as { detail?: string; type?: string; diagnosisStatus?: string } | null;
  emit({
    type: 'rejected',
    item,
    status: res.status,
    detail: problem?.detail ?? res.statusText,
    problemType: problem?.type ?? null,
    diagnosisStatus: problem?.diagnosisStatus ?? null,
  });
  return 'done';
}

function backoff(item: OutboxItem, retryAfterMs: number | null): 'wait' {
  const delay = retryAfterMs ?? Math.min(MAX_BACKOFF_MS, 2000 * 2 ** item.attempts);
  const notBefore = Date.now() + delay;
  update(item.key, (i) => ({ ...i, attempts: i.attempts + 1, notBefore }));
  emit({ type: 'waiting', item });
  schedule(notBefore);
  return 'wait';
}

async function drain(): Promise<void> {
  for (;;) {
    const [next] = load();
    if (!next) return;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      emit({ type: 'waiting', item: next });
      return;
    }
    if (next.notBefore > Date.now()) {
      schedule(next.notBefore);
      return;
    }
    if ((await sendOne(next)) === 'wait') return;
  }
}

/** Sends what is due, in order; stops at the first item that has to wait. One drain at a time. */
export function flush(): Promise<void> {
  if (flushing) return flushing;
  // `finally` is attached after the assignment, so even a drain that ends at once clears it.
  flushing = drain().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** Retry as soon as the device is back online or the page is looked at again. */
export function startOutbox(): () => void {
  const now = () => {
    // Coming back online is the moment to try, whatever the backoff said.
    save(load().map((i) => ({ ...i, notBefore: 0 })));
    void flush();
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') void flush();
  };
  window.addEventListener('online', now);
  document.addEventListener('visibilitychange', onVisible);
  void flush();
  return () => {
    window.removeEventListener('online', now);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

// Sends a chosen file to an import endpoint and keeps what came back: the result, or the problem
// with its errors (per line of a CSV, per feature of a GeoJSON).
import { useState } from 'react';
import { ApiError } from '../../../lib/api';
import { useSession } from '../session';

/** One entry of a problem document; imports add where it is (a line, or a feature's index and name). */
export type EntryError = { field: string; message: string; line?: number; index?: number; name?: string | null };
export type ImportProblem = { message: string; errors: EntryError[] };

export function useFileImport<Result>() {
  const { call } = useSession();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [problem, setProblem] = useState<ImportProblem | null>(null);

  /** Posts the text; resolves true when the import happened. */
  const run = async (path: string, body: string, contentType: string): Promise<boolean> => {
    setBusy(true);
    setResult(null);
    setProblem(null);
    try {
      setResult(await call<Result>(path, { method: 'POST', body, headers: { 'content-type': contentType } }));
      return true;
    } catch (err) {
      setProblem({ message: err instanceof ApiError ? err.message : '', errors: err instanceof ApiError ? ((err.problem.errors ?? []) as EntryError[]) : [] });
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** A refusal found before sending (e.g. the file is too large). */
  const refuse = (message: string) => {
    setResult(null);
    setProblem({ message, errors: [] });
  };

  return { busy, result, problem, run, refuse };
}

// Draft autosave for one invitation: one PUT at a time, each naming the version it was based on.
// A save that finds someone else's newer version stops autosaving and reports the conflict, so
// nothing is silently overwritten; a failed save (network) is retried on the next trigger.
import { ApiError, api } from '../../lib/api';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed' }
  | { kind: 'conflict'; currentVersion: number }
  | { kind: 'closed' };

export type SaveResult = { status: 'draft' | 'submitted'; version: number; updatedAt: string; submittedAt: string | null };

export class Autosaver {
  private inFlight: Promise<void> | null = null;
  private again = false;
  private lastSent: string;
  private stopped = false;

  constructor(
    private readonly token: string,
    public version: number,
    initialAnswers: Record<string, unknown>,
    private readonly read: () => Record<string, unknown>,
    private readonly report: (s: SaveState) => void,
    private readonly lang: () => string,
  ) {
    this.lastSent = JSON.stringify(initialAnswers);
  }

  get dirty(): boolean {
    return JSON.stringify(this.read()) !== this.lastSent;
  }

  /** Saves now if anything changed; coalesces with a save already under way. */
  save(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    if (!this.dirty) return Promise.resolve();
    this.inFlight = this.send().finally(() => {
      this.inFlight = null;
      if (this.again) {
        this.again = false;
        void this.save();
      }
    });
    return this.inFlight;
  }

  /** Waits for the save under way, e.g. before submitting with the latest version. */
  async settle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  stop() {
    this.stopped = true;
  }

  /** After a submission the version moved on; the answers sent are the new baseline. */
  rebase(version: number, answers: Record<string, unknown>) {
    this.version = version;
    this.lastSent = JSON.stringify(answers);
  }

  private async send() {
    const answers = this.read();
    const body = JSON.stringify(answers);
    this.report({ kind: 'saving' });
    try {
      const res = await api<SaveResult>(`/api/invitations/${encodeURIComponent(this.token)}/response`, {
        method: 'PUT',
        json: { answers, version: this.version },
        headers: { 'accept-language': this.lang() },
      });
      this.version = res.version;
      this.lastSent = body;
      this.report({ kind: 'saved', at: new Date() });
    } catch (e) {
      if (e instanceof ApiError && e.problem.status === 409 && typeof (e.problem as { currentVersion?: unknown }).currentVersion === 'number') {
        this.stop();
        this.report({ kind: 'conflict', currentVersion: (e.problem as unknown as { currentVersion: number }).currentVersion });
      } else if (e instanceof ApiError && e.problem.type?.endsWith('/diagnosis-closed')) {
        this.stop();
        this.report({ kind: 'closed' });
      } else {
        this.report({ kind: 'failed' });
      }
    }
  }
}

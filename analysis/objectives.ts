// Ex-post evaluation of the pact's objectives: how far each indicator has moved from its baseline
// towards its target, set ex ante.
//
// share = (measured − baseline) / (target − baseline): 0 at the baseline, 1 at the target, the
// same formula for decreasing targets (both differences are negative). Not clipped (a share above
// 1 overshoots, below 0 went the wrong way); `clipped` is the same in [0, 1] for progress bars.
// A target equal to the baseline ("keep it where it is") has no distance to cover: achieved when
// the measure is at the target or on the side given by `direction`, regressed on the other side,
// undefined without a direction.

export interface ObjectiveInput {
  id?: string;
  name?: string;
  baseline: number;
  target: number;
  measured: number | null;
  /** Which way is better; needed only when target == baseline. */
  direction?: 'increase' | 'decrease';
}

export const objectiveStatuses = ['achieved', 'on-the-way', 'no-change', 'regressed', 'not-measured', 'undefined'] as const;
export type ObjectiveStatus = (typeof objectiveStatuses)[number];

export interface ObjectiveProgress extends ObjectiveInput {
  share: number | null;
  clipped: number | null;
  status: ObjectiveStatus;
}

/** The direction a target implies: up when it lies above the baseline, down below, none when equal. */
export function impliedDirection(baseline: number, target: number): 'increase' | 'decrease' | undefined {
  return target > baseline ? 'increase' : target < baseline ? 'decrease' : undefined;
}

export function objectiveProgress(o: ObjectiveInput): ObjectiveProgress {
  const done = (share: number | null, status: ObjectiveStatus): ObjectiveProgress => ({
    ...o,
    share,
    clipped: share === null ? null : Math.min(1, Math.max(0, share)),
    status,
  });
  if (o.measured === null || !Number.isFinite(o.measured)) return done(null, 'not-measured');
  if (o.target === o.baseline) {
    if (o.measured === o.target) return done(1, 'achieved');
    if (!o.direction) return done(null, 'undefined');
    const better = o.direction === 'increase' ? o.measured > o.target : o.measured < o.target;
    return done(better ? 1 : 0, better ? 'achieved' : 'regressed');
  }
  const share = (o.measured - o.baseline) / (o.target - o.baseline);
  const status: ObjectiveStatus = share >= 1 ? 'achieved' : share > 0 ? 'on-the-way' : share === 0 ? 'no-change' : 'regressed';
  return done(share, status);
}

// One audit entry's details as short lines of text: changes as "field: before → after", lists
// joined, ids left out (the target column already says what was acted on). Field names and
// yes/no come from `label`, so they read in the UI language.
const HIDDEN = new Set(['id', 'invitationId', 'via']);

export type DetailLabels = { field: (name: string) => string; yes: string; no: string };

export function describeDetails(details: Record<string, unknown> | null, labels: DetailLabels): string[] {
  if (!details) return [];
  const show = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? labels.yes : labels.no;
    if (Array.isArray(v)) return v.map(show).join(', ');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  const lines: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (HIDDEN.has(key)) continue;
    if (key === 'changes' && value && typeof value === 'object') {
      for (const [field, change] of Object.entries(value as Record<string, { from: unknown; to: unknown }>)) lines.push(`${labels.field(field)}: ${show(change?.from)} → ${show(change?.to)}`);
    } else if (key === 'from' && 'to' in details) {
      lines.push(`${show(value)} → ${show(details.to)}`);
    } else if (key !== 'to' || !('from' in details)) {
      lines.push(`${labels.field(key)}: ${show(value)}`);
    }
  }
  return lines;
}

// Where the institutions stand, in total and by kind or area: one column per stage.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../labels';
import type { StageCounts } from '../types';

export const STAGES = ['not-invited', 'invited', 'opened', 'draft', 'submitted'] as const;

export function StageTotals({ title, rows }: { title: string; rows: { key: string; label: string; counts: StageCounts }[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const shown = rows.filter((r) => r.counts.institutions > 0);
  return (
    <div className="table-wrap">
      <table className="ws-table totals">
        <thead>
          <tr>
            <th>{title}</th>
            <th className="num">{t('workspace.invitations.total')}</th>
            {STAGES.map((s) => <th key={s} className="num">{t(`workspace.stages.${s}`)}</th>)}
            <th className="num">{t('workspace.invitations.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td className="num">{r.counts.institutions}</td>
              {STAGES.map((s) => <td key={s} className="num">{r.counts[s] || ''}</td>)}
              <td className="num">{f.pct(r.counts.submitted / r.counts.institutions)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Perception gap: where residents' fear runs ahead of recorded events (and the reverse).
import { useTranslation } from 'react-i18next';
import { QuadrantChart } from '../charts/QuadrantChart';
import { useFormat } from '../labels';
import type { PerceptionGap } from './analysisTypes';

const QUADRANTS = ['fear-above-risk', 'risk-above-fear', 'both-high', 'both-low'] as const;

export function PerceptionPanel({ data, selected, onSelect, compact }: { data: PerceptionGap; selected: string | null; onSelect?: (id: string) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (data.zones.length === 0) return <p className="muted">{t('workspace.dash.noData')}</p>;
  const labels = Object.fromEntries(QUADRANTS.map((q) => [q, t(`workspace.quadrants.${q}`)])) as Record<(typeof QUADRANTS)[number], string>;
  const fear = data.zones.filter((z) => z.quadrant === 'fear-above-risk').sort((a, b) => b.gap - a.gap);
  return (
    <div className={compact ? undefined : 'split'}>
      <QuadrantChart
        title={t('workspace.dash.gapTitle')}
        axisX={t('workspace.dash.recorded')}
        axisY={t('workspace.dash.perceived')}
        quadrantLabels={labels}
        selected={selected}
        onSelect={onSelect}
        points={data.zones.map((z) => ({
          id: z.zoneId,
          label: z.name ?? z.zoneId,
          x: z.recorded.percentile,
          y: z.perceived.percentile,
          quadrant: z.quadrant,
          tooltip: `${z.name}: ${t('workspace.dash.perceived')} ${f.pct(z.perceived.percentile)}, ${t('workspace.dash.recorded')} ${f.pct(z.recorded.percentile)}`,
        }))}
      />
      <div>
        <h3>{labels['fear-above-risk']}</h3>
        {fear.length ? (
          <ul className="plain">
            {fear.map((z) => <li key={z.zoneId}>{z.name} <small className="muted">(+{f.int(z.gap * 100)} {t('workspace.dash.points')})</small></li>)}
          </ul>
        ) : <p className="muted">—</p>}
        <p className="method-note">{t('workspace.dash.gapNote')}</p>
      </div>
    </div>
  );
}

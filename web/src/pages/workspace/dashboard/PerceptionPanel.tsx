// Perception gap: where residents' fear runs ahead of recorded events (and the reverse). The
// perceived side is what residents say, the recorded side what police and media record; a zone
// missing a side is not placed, and zones resting on few reports are marked.
import { useTranslation } from 'react-i18next';
import { QuadrantChart } from '../charts/QuadrantChart';
import { useFormat, useLabels } from '../labels';
import type { PerceptionGap } from './analysisTypes';

const QUADRANTS = ['fear-above-risk', 'risk-above-fear', 'both-high', 'both-low'] as const;

export function PerceptionPanel({ data, selected, onSelect, compact }: { data: PerceptionGap; selected: string | null; onSelect?: (id: string) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  if (!data.method || (data.zones.length === 0 && data.unplaced.length === 0)) return <p className="muted">{t('workspace.dash.noData')}</p>;
  const method = data.method;
  if (data.zones.length === 0) {
    return <p className="muted">{method.missing.includes('recorded') ? t('workspace.zoneIndex.gapNoRecorded') : t('workspace.dash.noData')}</p>;
  }
  const labelsQ = Object.fromEntries(QUADRANTS.map((q) => [q, t(`workspace.quadrants.${q}`)])) as Record<(typeof QUADRANTS)[number], string>;
  const fear = data.zones.filter((z) => z.quadrant === 'fear-above-risk').sort((a, b) => b.gap - a.gap);
  const few = (z: { fewReports: boolean }) => (z.fewReports ? ` (${t('workspace.zoneIndex.fewReports')})` : '');
  return (
    <div className={compact ? undefined : 'split'}>
      <QuadrantChart
        title={t('workspace.dash.gapTitle')}
        axisX={t('workspace.dash.recorded')}
        axisY={t('workspace.dash.perceived')}
        quadrantLabels={labelsQ}
        selected={selected}
        onSelect={onSelect}
        points={data.zones.map((z) => ({
          id: z.zoneId,
          label: z.name ?? z.zoneId,
          x: z.recorded.percentile,
          y: z.perceived.percentile,
          quadrant: z.quadrant,
          tooltip: `${z.name}: ${t('workspace.dash.perceived')} ${f.pct(z.perceived.percentile)}, ${t('workspace.dash.recorded')} ${f.pct(z.recorded.percentile)}${few(z)}`,
        }))}
      />
      <div>
        <h3>{labelsQ['fear-above-risk']}</h3>
        {fear.length ? (
          <ul className="plain">
            {fear.map((z) => (
              <li key={z.zoneId}>
                {z.name} <small className="muted">(+{f.int(z.gap * 100)} {t('workspace.dash.points')})</small>
                {z.fewReports && <> <small className="badge few-reports" title={t('workspace.zoneIndex.fewReportsHelp', { n: method.fewReports.below })}>{t('workspace.zoneIndex.fewReports')}</small></>}
              </li>
            ))}
          </ul>
        ) : <p className="muted">—</p>}
        {data.unplaced.length > 0 && <p className="method-note">{t('workspace.zoneIndex.unplaced', { list: data.unplaced.map((z) => z.name ?? z.zoneId).join(', ') })}</p>}
        <p className="method-note">{t('workspace.dash.gapNote')}</p>
        <p className="method-note">{t('workspace.zoneIndex.gapSources', { recorded: method.sources.recorded.map(labels.source).join(', ') })}</p>
      </div>
    </div>
  );
}

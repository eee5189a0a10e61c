// When and what: the time band × weekday table, the category mix and the monthly trend.
import { useTranslation } from 'react-i18next';
import { HBars } from '../charts/HBars';
import { TrendChart } from '../charts/TrendChart';
import { useFormat, useLabels } from '../labels';
import type { TimeAnalysis } from './analysisTypes';
import { TableWrap } from '../TableWrap';

/** Which series a panel counted: residents' reports unless the filters name other sources. */
export function SourcesNote({ sources }: { sources: readonly string[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return <p className="method-note sources-note">{t('workspace.dash.sourcesUsed', { list: sources.map(labels.source).join(', ') })}</p>;
}

export function TimeTable({ data }: { data: TimeAnalysis }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  const rows = data.table.filter((r) => r.total > 0 || r.band !== 'unknown');
  const max = Math.max(1, ...rows.flatMap((r) => [r.weekday, r.weekend, r.unknownDay]));
  const cell = (v: number) => (
    // Capped at 0.58 opacity: the text stays dark and above 4.5:1 contrast (WCAG 1.4.3) on the darkest cell.
    <td className="num heat" style={{ background: `rgba(178, 24, 43, ${(0.08 + 0.5 * (v / max)).toFixed(2)})` }}>{f.int(v)}</td>
  );
  return (
    <TableWrap label={t('workspace.dash.timeTable')}>
      <table className="ws-table time-table">
        <thead>
          <tr>
            <th>{t('workspace.dash.band')}</th>
            <th className="num">{labels.day('weekday')}</th>
            <th className="num">{labels.day('weekend')}</th>
            <th className="num">{t('workspace.dash.unknownDay')}</th>
            <th className="num">{t('workspace.dash.total')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.band}>
              <th scope="row">{labels.band(r.band)}</th>
              {cell(r.weekday)}
              {cell(r.weekend)}
              {cell(r.unknownDay)}
              <td className="num"><strong>{f.int(r.total)}</strong></td>
            </tr>
          ))}
        </tbody>
      </table>
      <SourcesNote sources={data.method.sources} />
    </TableWrap>
  );
}

export function CategoryMix({ data, limit }: { data: TimeAnalysis; limit?: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  const rows = [...data.categories].sort((a, b) => b.count - a.count).slice(0, limit);
  if (!rows.length) return <p className="muted">{t('workspace.dash.noData')}</p>;
  return (
    <>
      <HBars
        title={t('workspace.dash.categoryMix')}
        rows={rows.map((c) => ({ id: c.category, label: labels.category(c.category), value: c.count, figure: `${f.int(c.count)} · ${f.pct(c.share)}` }))}
      />
      <SourcesNote sources={data.method.sources} />
    </>
  );
}

export function MonthlyTrend({ data }: { data: TimeAnalysis }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!data.monthly.length) return <p className="muted">{t('workspace.dash.noData')}</p>;
  return (
    <>
      <TrendChart title={t('workspace.dash.trend')} points={data.monthly.map((m) => ({ x: m.month, y: m.count }))} formatX={f.month} formatY={f.int} />
      <SourcesNote sources={data.method.sources} />
    </>
  );
}

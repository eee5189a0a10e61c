// Zones ranked by the composite index: each rank with its interval from the posterior draws (a
// league table of small numbers is mostly noise, and the interval says how much), the scaled
// components (0-100, "no data" where a zone has none), the few-reports flag, and how far each
// zone's rank moves when one weight changes by ±20 %.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, useLabels } from '../labels';
import type { ZonesAnalysis } from './analysisTypes';
import { TableWrap } from '../TableWrap';

/** Below this median rho between two draws, the ranking is called unstable. */
const STABLE_RHO = 0.5;

export function ZoneRanking({ data, selected, onSelect, limit = 10 }: { data: ZonesAnalysis; selected: string | null; onSelect: (id: string) => void; limit?: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const labels = useLabels();
  const [all, setAll] = useState(false);
  if (!data.method || (data.zones.length === 0 && data.unranked.length === 0)) return <p className="muted">{t('workspace.dash.noData')}</p>;
  const method = data.method;
  const components = (Object.keys(method.weights) as (keyof typeof method.weights)[]).filter((c) => method.weights[c] > 0);
  const component = (c: string) => t(`workspace.components.${c}`, { defaultValue: c });
  const shift = new Map(data.sensitivity.zones.map((z) => [z.zoneId, z]));
  const rows = [...data.zones].sort((a, b) => a.rank - b.rank);
  const shown = all ? rows : rows.slice(0, limit);
  const sampling = data.sensitivity.sampling;
  const level = f.pct(method.rankInterval?.level ?? 0.9);
  const weightsRho = data.sensitivity.scenarios.length ? Math.min(...data.sensitivity.scenarios.map((s) => s.spearman)) : null;
  const noData = <span className="muted">{t('workspace.zoneIndex.noData')}</span>;
  return (
    <>
      <TableWrap label={t('workspace.dash.ranking')}>
        <table className="ws-table ranking">
          <thead>
            <tr>
              <th className="num">#</th>
              {method.rankInterval && (
                <th className="num" title={t('workspace.zoneIndex.intervalHelp', { level, draws: f.int(method.rankInterval.draws) })}>{t('workspace.zoneIndex.interval', { level })}</th>
              )}
              <th>{t('workspace.dash.zone')}</th>
              <th>{t('workspace.dash.composite')}</th>
              {components.map((c) => (
                <th key={c} className="num" title={t('workspace.dash.weight', { w: f.pct(method.weights[c]) })}>{component(c)}</th>
              ))}
              <th className="num">{t('workspace.dash.signals')}</th>
              <th className="num" title={t('workspace.dash.shiftHelp')}>{t('workspace.dash.shift')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((z) => {
              const s = shift.get(z.zoneId);
              const iv = z.rankInterval;
              return (
                <tr key={z.zoneId} className={z.zoneId === selected ? 'selected' : undefined} onClick={() => onSelect(z.zoneId)}>
                  <td className="num">{z.rank}</td>
                  {method.rankInterval && (
                    <td className="num" aria-label={iv ? t('workspace.zoneIndex.intervalLabel', { rank: z.rank, lower: iv.lower, upper: iv.upper }) : undefined}>
                      {iv ? (iv.lower === iv.upper ? iv.lower : `${iv.lower}–${iv.upper}`) : '—'}
                    </td>
                  )}
                  <td>
                    <button type="button" className="linkish" onClick={() => onSelect(z.zoneId)}>{z.name}</button>
                    {z.fewReports && (
                      <> <small className="badge few-reports" title={t('workspace.zoneIndex.fewReportsHelp', { n: method.fewReports.below })}>{t('workspace.zoneIndex.fewReports')}</small></>
                    )}
                  </td>
                  <td>
                    <span className="meter" aria-hidden="true"><span style={{ width: `${Math.max(0, Math.min(100, z.composite ?? 0))}%` }} /></span> {f.one(z.composite)}
                  </td>
                  {components.map((c) => {
                    const v = z.scaled[c];
                    return <td key={c} className="num">{v === null ? noData : f.int(v)}</td>;
                  })}
                  <td className="num">{f.int(z.signals)}</td>
                  <td className={`num${s && s.maxShift >= 3 ? ' unstable' : ''}`}>{s ? (s.maxShift === 0 ? '=' : `±${s.maxShift}`) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      {rows.length > limit && (
        <button type="button" className="small no-print" onClick={() => setAll(!all)}>{all ? t('workspace.dash.showFewer') : t('workspace.dash.showAll', { n: rows.length })}</button>
      )}
      {data.unranked.length > 0 && (
        <p className="method-note">{t('workspace.zoneIndex.unranked', { list: data.unranked.map((z) => `${z.name} (${t('workspace.zoneIndex.noData')}: ${z.missing.map(component).join(', ')})`).join('; ') })}</p>
      )}
      {sampling && sampling.betweenDraws !== null && sampling.betweenDraws < STABLE_RHO && <p className="method-note unstable" role="note">{t('workspace.zoneIndex.unstable')}</p>}
      <p className="method-note">
        {t('workspace.zoneIndex.note', {
          basis: t(`workspace.basis.${method.rateBasis}`),
          rho: f.two(sampling?.spearmanMedian),
          between: f.two(sampling?.betweenDraws),
          weights: f.two(weightsRho),
        })}
      </p>
      <p className="method-note">
        {t('workspace.zoneIndex.sources', {
          list: [...method.sources.map((s) => `${labels.source(s)} ${f.pct(method.weights[s as keyof typeof method.weights])}`), ...(method.weights.intensity > 0 ? [`${component('intensity')} ${f.pct(method.weights.intensity)}`] : []), ...(method.weights.concern > 0 ? [`${component('concern')} ${f.pct(method.weights.concern)}`] : [])].join(', '),
        })}
        {method.missingComponents.length > 0 && <> {t('workspace.zoneIndex.missingComponents', { list: method.missingComponents.map(component).join(', ') })}</>}
      </p>
    </>
  );
}

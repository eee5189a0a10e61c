// Zones ranked by the composite index, with its scaled components (0-100) and how far each
// zone's rank moves when one weight changes by ±20 % (the sensitivity of the ranking).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../labels';
import type { ZonesAnalysis } from './analysisTypes';

export function ZoneRanking({ data, selected, onSelect, limit = 10 }: { data: ZonesAnalysis; selected: string | null; onSelect: (id: string) => void; limit?: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [all, setAll] = useState(false);
  if (!data.method || data.zones.length === 0) return <p className="muted">{t('workspace.dash.noData')}</p>;
  const components = Object.keys(data.method.weights);
  const shift = new Map(data.sensitivity.zones.map((z) => [z.zoneId, z]));
  const rows = [...data.zones].sort((a, b) => a.rank - b.rank);
  const shown = all ? rows : rows.slice(0, limit);
  const spearman = Math.min(...data.sensitivity.scenarios.map((s) => s.spearman));
  return (
    <>
      <div className="table-wrap">
        <table className="ws-table ranking">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>{t('workspace.dash.zone')}</th>
              <th>{t('workspace.dash.composite')}</th>
              {components.map((c) => (
                <th key={c} className="num" title={t('workspace.dash.weight', { w: f.pct(data.method!.weights[c as keyof typeof data.method.weights]) })}>{t(`workspace.components.${c}`, { defaultValue: c })}</th>
              ))}
              <th className="num">{t('workspace.dash.signals')}</th>
              <th className="num" title={t('workspace.dash.shiftHelp')}>{t('workspace.dash.shift')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((z) => {
              const s = shift.get(z.zoneId);
              return (
                <tr key={z.zoneId} className={z.zoneId === selected ? 'selected' : undefined} onClick={() => onSelect(z.zoneId)}>
                  <td className="num">{z.rank}</td>
                  <td><button type="button" className="linkish" onClick={() => onSelect(z.zoneId)}>{z.name}</button></td>
                  <td>
                    <span className="meter" aria-hidden="true"><span style={{ width: `${Math.max(0, Math.min(100, z.composite ?? 0))}%` }} /></span> {f.one(z.composite)}
                  </td>
                  {components.map((c) => (
                    <td key={c} className="num">{f.int((z.scaled as Record<string, number | null>)[c])}</td>
                  ))}
                  <td className="num">{f.int(z.signals)}</td>
                  <td className={`num${s && s.maxShift >= 3 ? ' unstable' : ''}`}>{s ? (s.maxShift === 0 ? '=' : `±${s.maxShift}`) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > limit && (
        <button type="button" className="small no-print" onClick={() => setAll(!all)}>{all ? t('workspace.dash.showFewer') : t('workspace.dash.showAll', { n: rows.length })}</button>
      )}
      <p className="method-note">
        {t('workspace.dash.rankingNote', { basis: t(`workspace.basis.${data.method.rateBasis}`), rho: f.two(spearman) })}
      </p>
    </>
  );
}

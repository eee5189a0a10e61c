// Strengths and weaknesses by dimension as the institutions see them (mean 0-100 and how much
// they agree), for the whole territory or one kind of institution; then the places residents
// feel are unsafe or safe.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, useLabels } from '../labels';
import type { DimensionSummary, StrengthsAnalysis } from './analysisTypes';
import { TableWrap } from '../TableWrap';

export function DimensionTable({ dimensions, labelOf }: { dimensions: DimensionSummary[]; labelOf: (id: string) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <TableWrap label={t('workspace.dash.strengths')}>
      <table className="ws-table dimensions">
        <thead>
          <tr>
            <th>{t('workspace.dash.dimension')}</th>
            <th>{t('workspace.dash.mean')}</th>
            <th className="num">{t('workspace.dash.agreement')}</th>
            <th className="num">n</th>
            <th>{t('workspace.dash.judgement')}</th>
          </tr>
        </thead>
        <tbody>
          {[...dimensions].sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1)).map((d) => (
            <tr key={d.dimension}>
              <td>{labelOf(d.dimension)}</td>
              <td>
                <span className="meter scale" aria-hidden="true"><span style={{ width: `${Math.max(0, Math.min(100, d.mean ?? 0))}%` }} /></span> {f.int(d.mean)}
              </td>
              <td className="num" title={`SD ${f.one(d.sd)}`}>{f.pct(d.agreement)}</td>
              <td className="num">{d.n}</td>
              <td><span className={`badge class-${d.class}`}>{t(`workspace.classes.${d.class}`)}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function StrengthsPanel({ data, areas = [] }: { data: StrengthsAnalysis; areas?: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  const [scope, setScope] = useState('all');
  const inst = data.institutions;
  const kinds = inst.byKind.map((k) => k.kind);
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  // Scope "kind:<id>" or "area:<id>"; areas without a known name are left out of the choice.
  const dimensions =
    scope === 'all'
      ? inst.dimensions
      : scope.startsWith('kind:')
        ? (inst.byKind.find((k) => `kind:${k.kind}` === scope)?.dimensions ?? [])
        : (inst.byArea.find((a) => `area:${a.areaId}` === scope)?.dimensions ?? []);
  const dimLabel = (id: string) => labels.text((data.dimensionLabels as Record<string, { it: string; en: string }>)[id], id);
  const unsafe = data.residents.zones.filter((z) => z.perceived === 'unsafe').sort((a, b) => b.index - a.index);
  const safe = data.residents.zones.filter((z) => z.perceived === 'safe').sort((a, b) => a.index - b.index);
  return (
    <>
      <h3>{t('workspace.dash.institutionsView')}</h3>
      {inst.dimensions.length === 0 ? (
        <p className="muted">{t('workspace.dash.noQuestionnaires')}</p>
      ) : (
        <>
          <label className="inline no-print">
            {t('workspace.dash.scope')}{' '}
            <select value={scope} onChange={(e) => setScope(e.target.value)}>
              <option value="all">{t('workspace.dash.wholeTerritory')}</option>
              <optgroup label={t('workspace.dash.byKind')}>
                {kinds.map((k) => <option key={k} value={`kind:${k}`}>{labels.kind(k)}</option>)}
              </optgroup>
              {inst.byArea.some((a) => areaName.has(a.areaId)) && (
                <optgroup label={t('workspace.dash.byArea')}>
                  {inst.byArea.filter((a) => areaName.has(a.areaId)).map((a) => <option key={a.areaId} value={`area:${a.areaId}`}>{areaName.get(a.areaId)}</option>)}
                </optgroup>
              )}
            </select>
          </label>
          <DimensionTable dimensions={dimensions} labelOf={dimLabel} />
          <p className="method-note">{t('workspace.dash.strengthsNote', { s: inst.method.strengthAt, w: inst.method.weaknessAt, a: f.pct(inst.method.highAgreement), n: inst.method.minRespondents })}</p>
        </>
      )}
      <h3>{t('workspace.dash.residentsView')}</h3>
      <div className="two-lists">
        <div>
          <h4>{t('workspace.dash.unsafePlaces')}</h4>
          {unsafe.length ? <ol>{unsafe.map((z) => <li key={z.zoneId}>{z.name} <small className="muted">({f.int(z.signals)} · ×{f.one(z.index)}{z.fewReports ? ` · ${t('workspace.zoneIndex.fewReports')}` : ''})</small></li>)}</ol> : <p className="muted">—</p>}
        </div>
        <div>
          <h4>{t('workspace.dash.safePlaces')}</h4>
          {safe.length ? <ol>{safe.map((z) => <li key={z.zoneId}>{z.name} <small className="muted">({f.int(z.signals)} · ×{f.one(z.index)}{z.fewReports ? ` · ${t('workspace.zoneIndex.fewReports')}` : ''})</small></li>)}</ol> : <p className="muted">—</p>}
        </div>
      </div>
      <p className="method-note">{t('workspace.dash.placesNote', { u: data.residents.method.unsafeAt, s: data.residents.method.safeAt })} {t('workspace.zoneIndex.placesSources')}</p>
    </>
  );
}

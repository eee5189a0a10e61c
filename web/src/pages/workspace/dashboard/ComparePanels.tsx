// Ex-ante / ex-post: change per zone, category and dimension against the previous wave, and the
// progress of the pact's objectives from baseline towards target.
import { useTranslation } from 'react-i18next';
import { useFormat, useLabels } from '../labels';
import { Link } from '../router';
import type { CompareAnalysis, StrengthsAnalysis } from './analysisTypes';

type Rate = { before: { rate: number; count: number }; after: { rate: number; count: number }; change: number; rateRatio: number | null; direction: string; test: { p?: number; significant?: boolean; status?: string } };

function RateRows({ rows, label }: { rows: (Rate & { key: string })[]; label: (key: string) => string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <tbody>
      {rows.map((r) => (
        <tr key={r.key}>
          <td>{label(r.key)}</td>
          <td className="num">{f.two(r.before.rate)}</td>
          <td className="num">{f.two(r.after.rate)}</td>
          <td className={`num dir-${r.direction}`}>{r.rateRatio === null ? '—' : `×${f.two(r.rateRatio)}`}</td>
          <td>{r.test.status === 'insufficient' ? <span className="muted">{t('workspace.compare.insufficient')}</span> : r.test.significant ? <strong>{t(`workspace.compare.${r.direction}`)}</strong> : t('workspace.compare.notSignificant')}</td>
        </tr>
      ))}
    </tbody>
  );
}

export function WaveComparison({ data, dimensionLabels }: { data: CompareAnalysis; dimensionLabels?: StrengthsAnalysis['dimensionLabels'] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  if (!('zones' in data) || !data.previous) return <p className="muted">{t('workspace.compare.none')}</p>;
  const head = (first: string) => (
    <thead>
      <tr>
        <th>{first}</th>
        <th className="num">{t('workspace.compare.before')}</th>
        <th className="num">{t('workspace.compare.after')}</th>
        <th className="num">{t('workspace.compare.ratio')}</th>
        <th>{t('workspace.compare.test')}</th>
      </tr>
    </thead>
  );
  const zoneName = new Map(data.zones.map((z) => [z.zoneId, z.name ?? z.zoneId]));
  const dimLabel = (id: string) => labels.text((dimensionLabels as Record<string, { it: string; en: string }> | undefined)?.[id], id);
  return (
    <>
      <p>
        {t('workspace.compare.against')} <Link href={`/app/${data.previous.slug}`}>{data.previous.title}</Link> ({t(data.method.zoneRateUnit === 'events per 30 days' ? 'workspace.compare.perMonth' : 'workspace.compare.perResidentMonth')})
      </p>
      <div className="table-wrap">
        <table className="ws-table">
          {head(t('workspace.dash.zone'))}
          <RateRows rows={[...data.zones].sort((a, b) => (b.rateRatio ?? 0) - (a.rateRatio ?? 0)).map((z) => ({ ...z, key: z.zoneId }))} label={(k) => zoneName.get(k) ?? k} />
        </table>
      </div>
      <div className="table-wrap">
        <table className="ws-table">
          {head(t('workspace.dash.category'))}
          <RateRows rows={data.categories.map((c) => ({ ...c, key: c.category }))} label={labels.category} />
        </table>
      </div>
      {data.dimensions.length > 0 && (
        <div className="table-wrap">
          <table className="ws-table">
            <thead>
              <tr>
                <th>{t('workspace.dash.dimension')}</th>
                <th className="num">{t('workspace.compare.before')}</th>
                <th className="num">{t('workspace.compare.after')}</th>
                <th className="num">Δ</th>
                <th>{t('workspace.compare.test')}</th>
              </tr>
            </thead>
            <tbody>
              {data.dimensions.map((d) => (
                <tr key={d.dimension}>
                  <td>{dimLabel(d.dimension)}</td>
                  <td className="num">{f.int(d.before.mean)} <small>(n={d.before.n})</small></td>
                  <td className="num">{f.int(d.after.mean)} <small>(n={d.after.n})</small></td>
                  <td className="num">{f.one(d.difference)}</td>
                  <td>{d.significant === null ? <span className="muted">{t('workspace.compare.insufficient')}</span> : d.significant ? <strong>{t('workspace.compare.significant')}</strong> : t('workspace.compare.notSignificant')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function Objectives({ data }: { data: CompareAnalysis }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!data.objectives.length) return <p className="muted">{t('workspace.objectives.none')}</p>;
  return (
    <ul className="objectives">
      {data.objectives.map((o, i) => {
        // The comparison with a previous wave reports objectives without their unit.
        const unit = 'unit' in o ? o.unit : '';
        return (
        <li key={o.id ?? i}>
          <div className="objective-head">
            <span>{o.name}</span>
            <span className={`badge status-${o.status}`}>{t(`workspace.objectives.status.${o.status}`)}</span>
          </div>
          <span className="meter progress" aria-hidden="true"><span style={{ width: `${(o.clipped ?? 0) * 100}%` }} /></span>
          <small className="muted">
            {t('workspace.objectives.figures', { baseline: `${f.one(o.baseline)}${unit}`, target: `${f.one(o.target)}${unit}`, measured: o.measured === null ? '—' : `${f.one(o.measured)}${unit}`, share: f.pct(o.share) })}
          </small>
        </li>
        );
      })}
    </ul>
  );
}

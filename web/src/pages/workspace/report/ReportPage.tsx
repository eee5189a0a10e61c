// The printable diagnosis report (/app/{slug}/report): territory, participation, main problems,
// hotspots map, strengths and weaknesses, perception gap, priorities for the pact. The browser's
// print (to PDF) does the rest; the print stylesheet drops navigation and keeps sections whole.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Objectives, WaveComparison } from '../dashboard/ComparePanels';
import { MapLegend, visibleCells } from '../dashboard/DashboardPage';
import { filtersFrom, isFiltered } from '../dashboard/filters';
import { HotspotMap } from '../dashboard/HotspotMap';
import { PerceptionPanel } from '../dashboard/PerceptionPanel';
import { ResponseRates } from '../dashboard/ResponseRates';
import { DimensionTable } from '../dashboard/StrengthsPanel';
import { CategoryMix, TimeTable } from '../dashboard/TimePanels';
import { useAnalyses } from '../dashboard/useAnalyses';
import { ZoneRanking } from '../dashboard/ZoneRanking';
import { useFormat, useLabels } from '../labels';
import { useLocation } from '../router';
import type { Diagnosis, PublicDiagnosis } from '../types';
import { useApi } from '../useApi';
import { proposePriorities } from './priorities';

export function ReportPage({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const f = useFormat();
  const { query } = useLocation();
  const qs = query.toString();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(qs)), [qs]);
  const a = useAnalyses(diagnosis.slug, filters);
  const pub = useApi<PublicDiagnosis>(`/api/diagnoses/${diagnosis.slug}/public?lang=${labels.lang}`);
  const cells = useMemo(() => (a.hotspots.data ? visibleCells(a.hotspots.data.features) : []), [a.hotspots.data]);
  const loading = Object.values(a).some((x) => x.loading || (!x.data && !x.error)) || !pub.data;
  const settings = diagnosis.settings as Record<string, string | undefined>;
  const dimensionLabels = a.strengths.data?.dimensionLabels as Record<string, { it: string; en: string }> | undefined;
  const dimension = (id: string) => labels.text(dimensionLabels?.[id], id);
  const priorities = proposePriorities(
    { zones: a.zones.data, gap: a.gap.data, time: a.time.data, strengths: a.strengths.data, compare: a.compare.data },
    { category: labels.category, band: labels.band, dimension },
  );
  const summary = a.hotspots.data?.summary;
  const participation = a.strengths.data?.participation;
  const strongest = (a.strengths.data?.institutions.dimensions ?? []).filter((x) => x.class === 'strength');
  const hasPrevious = !!a.compare.data?.previous;

  return (
    <main className="ws-main report" data-ready={loading ? undefined : 'true'} aria-busy={loading}>
      <div className="report-tools no-print">
        <button type="button" className="primary" onClick={() => window.print()} disabled={loading}>{t('workspace.report.print')}</button>
        <span className="muted">{loading ? t('common.loading') : t('workspace.report.printHelp')}</span>
      </div>

      <header className="report-head">
        <p className="report-kicker">{t('workspace.report.kicker')}</p>
        <h1>{diagnosis.title}</h1>
        {diagnosis.demo && <p><span className="demo-badge">{t('common.demo')}</span></p>}
        <p className="muted">
          {t(`workspace.wave.${diagnosis.wave}`)}
          {(settings.periodFrom || settings.periodTo) && <> · {t('workspace.report.period', { from: settings.periodFrom ?? '…', to: settings.periodTo ?? '…' })}</>}
          {' · '}{t('workspace.report.printed', { date: new Date().toLocaleDateString(labels.lang) })}
          {isFiltered(filters) && <> · {t('workspace.report.filtered')}</>}
        </p>
      </header>

      <section className="report-section">
        <h2>1. {t('workspace.report.territory')}</h2>
        {diagnosis.description && <p>{diagnosis.description}</p>}
        <p>{t('workspace.report.territoryText', { areas: diagnosis.counts.areas, municipalities: diagnosis.counts.municipalities, zones: diagnosis.counts.zones })}</p>
      </section>

      <section className="report-section">
        <h2>2. {t('workspace.report.participation')}</h2>
        <p>
          {t('workspace.report.participationText', {
            signals: f.int(a.time.data?.total),
            submitted: participation?.submitted ?? '—',
            institutions: participation?.institutions ?? '—',
          })}
        </p>
        {participation && <ResponseRates data={participation} />}
      </section>

      <section className="report-section">
        <h2>3. {t('workspace.report.problems')}</h2>
        {a.time.data && (
          <div className="report-two">
            <div>
              <h3>{t('workspace.dash.categoryMix')}</h3>
              <CategoryMix data={a.time.data} limit={8} />
            </div>
            <div>
              <h3>{t('workspace.dash.timeTable')}</h3>
              <TimeTable data={a.time.data} />
            </div>
          </div>
        )}
      </section>

      <section className="report-section break-before">
        <h2>4. {t('workspace.report.hotspots')}</h2>
        {summary && <p>{t('workspace.report.hotspotsText', { hot: summary['hot-99'] + summary['hot-95'] + summary['hot-90'], hot99: summary['hot-99'], cell: a.hotspots.data?.method.cellMeters })}</p>}
        {pub.data && (
          <div className="report-map">
            <HotspotMap
              label={t('workspace.dash.map')}
              tileUrl={pub.data.map.tileUrl}
              attribution={pub.data.map.attribution}
              bbox={pub.data.bbox}
              zones={pub.data.zones.features}
              cells={cells}
              selectedZone={null}
              onSelectZone={() => undefined}
              cellFigures={() => ({ title: '', rows: [] })}
              zoneFigures={(_, name) => ({ title: name, rows: [] })}
            />
          </div>
        )}
        <MapLegend />
        <h3>{t('workspace.dash.ranking')}</h3>
        {a.zones.data && <ZoneRanking data={a.zones.data} selected={null} onSelect={() => undefined} />}
      </section>

      <section className="report-section break-before">
        <h2>5. {t('workspace.report.strengths')}</h2>
        {a.strengths.data && a.strengths.data.institutions.dimensions.length > 0 ? (
          <>
            <p>
              {strongest.length ? t('workspace.report.strongest', { dimensions: strongest.map((x) => dimension(x.dimension)).join(', ') }) : t('workspace.report.noStrength')}
            </p>
            <DimensionTable dimensions={a.strengths.data.institutions.dimensions} labelOf={dimension} />
          </>
        ) : (
          <p className="muted">{t('workspace.dash.noQuestionnaires')}</p>
        )}
      </section>

      <section className="report-section">
        <h2>6. {t('workspace.report.gap')}</h2>
        {a.gap.data && <PerceptionPanel data={a.gap.data} selected={null} />}
      </section>

      {(hasPrevious || (a.compare.data?.objectives.length ?? 0) > 0) && (
        <section className="report-section">
          <h2>7. {t('workspace.report.change')}</h2>
          {a.compare.data && hasPrevious && <WaveComparison data={a.compare.data} dimensionLabels={a.strengths.data?.dimensionLabels} />}
          {a.compare.data && <Objectives data={a.compare.data} />}
        </section>
      )}

      <section className="report-section priorities">
        <h2>{hasPrevious || (a.compare.data?.objectives.length ?? 0) > 0 ? 8 : 7}. {t('workspace.report.priorities')}</h2>
        <p className="muted">{t('workspace.report.prioritiesIntro')}</p>
        <ol>
          {priorities.map((p) => <li key={p.key}>{t(`workspace.report.p.${p.key}`, p.values)}</li>)}
        </ol>
      </section>
    </main>
  );
}

// Imports the territory (areas, municipalities, zones) from a GeoJSON file; admins only. The API
// checks every feature: a file with errors imports nothing unless told to skip the bad ones, and a
// re-import updates by id, ISTAT code or name and deletes nothing; the signals already stored with
// a point move to the new or reshaped zones, and the report says how many. The page says what a
// file needs.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FEATURES, MAX_TERRITORY_BYTES } from '../../../../../api/routes/imports/limits';
import type { TerritoryImportResult } from '../../../../../api/routes/imports/territory.schemas';
import { downloadText } from '../../../lib/download';
import type { Diagnosis } from '../types';
import { ErrorList, ItemList, ProblemReport } from './ImportReport';
import { useFileImport } from './useFileImport';
import { TableWrap } from '../TableWrap';

const ring = (lon: number, lat: number, d: number) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];

/** The smallest file that shows each kind: one area, one municipality in it, one zone in that. */
const example = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { kind: 'area', name: 'Ambito di esempio' }, geometry: null },
    { type: 'Feature', properties: { kind: 'municipality', name: 'Comune di esempio', istatCode: '999999', population: 5000, area: 'Ambito di esempio' }, geometry: { type: 'Polygon', coordinates: [ring(11, 44, 0.05)] } },
    { type: 'Feature', properties: { kind: 'zone', name: 'Piazza di esempio', municipality: 'Comune di esempio', zoneKind: 'piazza', population: 300 }, geometry: { type: 'Polygon', coordinates: [ring(11.02, 44.02, 0.002)] } },
  ],
};

const kinds = ['areas', 'municipalities', 'zones'] as const;

export function TerritoryImport({ diagnosis, onImported }: { diagnosis: Diagnosis; onImported: () => void }) {
  const { t } = useTranslation();
  const { busy, result, problem, run, refuse } = useFileImport<TerritoryImportResult>();
  const mb = MAX_TERRITORY_BYTES / 1024 / 1024;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('geojson');
    if (!(file instanceof File) || file.size === 0) return;
    if (file.size > MAX_TERRITORY_BYTES) return refuse(t('workspace.territory.tooLarge', { mb }));
    const skip = form.get('skipBad') === 'on' ? '?skipBad=true' : '';
    if (await run(`/api/diagnoses/${diagnosis.slug}/imports/territory${skip}`, await file.text(), 'application/geo+json')) onImported();
  };

  return (
    <section className="card" data-import="territory">
      <h2>{t('workspace.territory.title')}</h2>
      <p>{t('workspace.territory.intro', { mb, features: MAX_FEATURES })}</p>
      <TableWrap label={t('workspace.territory.title')}>
        <table className="ws-table import-spec">
          <thead>
            <tr>
              <th>{t('workspace.territory.kind')}</th>
              <th>{t('workspace.territory.properties')}</th>
              <th>{t('workspace.territory.geometry')}</th>
            </tr>
          </thead>
          <tbody>
            {(['area', 'municipality', 'zone'] as const).map((k) => (
              <tr key={k}>
                <td><code>{k}</code> ({t(`workspace.territory.kinds.${k}`)})</td>
                <td>{t(`workspace.territory.props.${k}`)}</td>
                <td>{t(`workspace.territory.geometries.${k}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ul className="import-rules">
        <li>{t('workspace.territory.rules.coordinates')}</li>
        <li>{t('workspace.territory.rules.references')}</li>
        <li>{t('workspace.territory.rules.reimport')}</li>
        <li>{t('workspace.territory.rules.errors')}</li>
        <li>{t('workspace.territory.rules.rezone')}</li>
      </ul>
      <div className="actions">
        <button type="button" className="small" onClick={() => downloadText(t('workspace.territory.exampleFile'), `${JSON.stringify(example, null, 2)}\n`, 'application/geo+json')}>
          {t('workspace.territory.example')}
        </button>
      </div>
      <form className="ws-form" onSubmit={submit} aria-busy={busy}>
        <label>
          {t('workspace.territory.file')}
          <input type="file" name="geojson" accept=".geojson,.json,application/geo+json,application/json" required />
        </label>
        <label className="check-line">
          <input type="checkbox" name="skipBad" /> {t('workspace.territory.skipBad')}
        </label>
        <button type="submit" disabled={busy}>{busy ? t('common.loading') : t('workspace.territory.import')}</button>
      </form>
      {result && (
        <div role="status" data-import-result>
          <p>{t('workspace.territory.done', { skipped: result.skipped })}</p>
          <TableWrap label={t('workspace.territory.title')}>
            <table className="ws-table import-totals">
              <thead>
                <tr>
                  <th />
                  {kinds.map((k) => <th key={k} className="num">{t(`workspace.counts.${k}`)}</th>)}
                </tr>
              </thead>
              <tbody>
                {(['created', 'updated', 'unchanged'] as const).map((a) => (
                  <tr key={a} data-row={a}>
                    <th>{t(`workspace.imports.totals.${a}`)}</th>
                    {kinds.map((k) => <td key={k} className="num" data-kind={k}>{result[a][k]}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p data-rezoned={result.signalsRezoned}>{t('workspace.territory.rezoned', { count: result.signalsRezoned, checked: result.signalsChecked })}</p>
          <ItemList items={result.items.map((i) => ({ key: `${i.kind}-${i.id}`, what: t(`workspace.territory.kinds.${i.kind}`), name: i.name, action: i.action }))} />
          <ErrorList errors={result.errors} />
        </div>
      )}
      <ProblemReport problem={problem} />
    </section>
  );
}

// The resident page /s/{slug}: where (map or list), what (the SurveyJS report form), then the
// report goes through the on-device outbox, so a poor connection delays it but never loses or
// duplicates it. Afterwards: thanks, the public summary, and once per device the perception survey.
// `?view=summary` shows the public summary alone.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { perceptionSchema, perceptionSurvey } from '../../../../surveys/perception';
import { type ResidentAnswers, type ResidentSignalFields, residentAnswersToSignal, residentSignalFieldsSchema, residentSurvey } from '../../../../surveys/resident';
import { api } from '../../lib/api';
import { LangSwitch } from '../LangSwitch';
import { Loading } from '../Loading';
import { inBox, zoneAt } from './geo';
import { enqueue, pending, startOutbox, subscribe } from './outbox';
import { PlaceMap } from './PlaceMap';
import { SummaryView } from './SummaryView';
import { SurveyForm } from './SurveyForm';
import type { Place, PublicDiagnosis, PublicSummary } from './types';
import { ZoneList } from './ZoneList';
import './resident.css';

type Step = 'where' | 'what' | 'done';
type Delivery = { id: string; status: 'sending' | 'queued' | 'sent' | 'rejected'; detail?: string };
type PerceptionStep = 'offer' | 'form' | 'answered' | 'hidden';

/** crypto.randomUUID needs a secure context; a plain-http LAN deployment still gets a v4 UUID. */
function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const perceptionKey = (slug: string) => `osservatorio.perception.${slug}`;

export default function ResidentPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [data, setData] = useState<PublicDiagnosis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const summaryView = new URLSearchParams(window.location.search).get('view') === 'summary';

  // Loaded once: nothing the page reads from it depends on the language (SurveyJS has its own
  // labels), and reloading on a language switch would rebuild the map under the resident's pin.
  useEffect(() => {
    api<PublicDiagnosis>(`/api/diagnoses/${slug}/public`).then(setData, (e: Error) => setError(e.message));
  }, [slug]);

  if (error) {
    return (
      <main className="page narrow resident">
        <p className="error" role="alert">{error}</p>
      </main>
    );
  }
  if (!data) return <Loading />;
  return (
    <main className="page narrow resident">
      <header className="bar">
        <span className="r-brand">{t('app.name')}</span>
        <LangSwitch />
      </header>
      {data.demo && <span className="demo-badge">{t('common.demo')}</span>}
      <h1 className="r-title">{data.title}</h1>
      {summaryView ? <SummaryView slug={slug} reportHref={`/s/${slug}`} /> : <ReportFlow slug={slug} diagnosis={data} />}
    </main>
  );
}

function ReportFlow({ slug, diagnosis }: { slug: string; diagnosis: PublicDiagnosis }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('where');
  const [place, setPlace] = useState<Place | null>(null);
  const [mode, setMode] = useState<'map' | 'list'>('map');
  const [tilesFailed, setTilesFailed] = useState(false);
  const tilesFailedRef = useRef(false);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const deliveryRef = useRef<Delivery | null>(null);
  const track = useCallback((d: Delivery | null) => {
    deliveryRef.current = d;
    setDelivery(d);
  }, []);
  const [fields, setFields] = useState<ResidentSignalFields | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [waiting, setWaiting] = useState(() => pending().filter((i) => i.kind === 'signal').length);
  const [summaryExists, setSummaryExists] = useState(false);
  const [perception, setPerception] = useState<PerceptionStep>(() => (localStorage.getItem(perceptionKey(slug)) ? 'hidden' : 'offer'));
  const honeypot = useRef<HTMLInputElement>(null);
  const zones = diagnosis.zones.features;
  const zoneName = useMemo(() => new Map(zones.map((z) => [z.id, z.properties.name])), [zones]);

  useEffect(() => startOutbox(), []);
  useEffect(
    () =>
      subscribe((e) => {
        setWaiting(pending().filter((i) => i.kind === 'signal').length);
        const d = deliveryRef.current;
        if (e.type === 'changed' || !d || d.id !== e.item.key) return;
        if (e.type === 'sent') track({ id: d.id, status: 'sent' });
        else if (e.type === 'waiting') track({ id: d.id, status: 'queued' });
        else if (e.problemType?.endsWith('/outside-territory')) {
          // Keep the answers: the resident only has to choose another place.
          track(null);
          setPlaceError(t('resident.status.outsideRejected'));
          setPlace(null);
          setStep('where');
        } else {
          // The reason in the page's language; the API's own wording (English) only where none fits.
          const reason = e.problemType?.endsWith('/diagnosis-not-open')
            ? t(e.diagnosisStatus === 'closed' ? 'resident.status.reasonClosed' : 'resident.status.reasonNotOpen')
            : e.status === 404
              ? t('resident.status.reasonUnknown')
              : e.status === 400 || e.status === 413 || e.status === 422
                ? t('resident.status.reasonInvalid')
                : e.detail;
          track({ id: d.id, status: 'rejected', detail: reason });
        }
      }),
    [t, track],
  );
  useEffect(() => {
    if (delivery?.status !== 'sent') return;
    api<PublicSummary>(`/api/diagnoses/${slug}/summary`).then((s) => setSummaryExists(s.zonesTotal !== null), () => setSummaryExists(false));
  }, [delivery?.status, slug]);

  const send = useCallback(
    (f: ResidentSignalFields, where: Place) => {
      const id = newId();
      const website = honeypot.current?.value ?? '';
      const body = {
        id,
        ...(where.kind === 'point' ? { lat: where.lat, lon: where.lon } : { zoneId: where.zoneId }),
        ...f,
        ...(website ? { website } : {}),
      };
      track({ id, status: navigator.onLine === false ? 'queued' : 'sending' });
      setStep('done');
      enqueue({ key: id, kind: 'signal', url: `/api/diagnoses/${slug}/signals`, body });
    },
    [slug, track],
  );

  const onPoint = (lat: number, lon: number) => {
    if (!inBox(diagnosis.bbox, lon, lat)) {
      setPlaceError(t('resident.where.outside'));
      return;
    }
    setPlaceError(null);
    setPlace({ kind: 'point', lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 });
  };

  const onReport = (answers: Record<string, unknown>) => {
    const parsed = residentSignalFieldsSchema.safeParse(residentAnswersToSignal(answers as ResidentAnswers));
    if (!parsed.success || !place) {
      setPlaceError(parsed.success ? t('resident.where.none') : parsed.error.issues.map((i) => i.message).join(' '));
      return;
    }
    setFields(parsed.data);
    send(parsed.data, place);
  };

  const restart = () => {
    setStep('where');
    setPlace(null);
    setFields(null);
    track(null);
    setFormKey((k) => k + 1);
  };

  const onPerception = (answers: Record<string, unknown>) => {
    const parsed = perceptionSchema.safeParse(answers);
    localStorage.setItem(perceptionKey(slug), 'answered');
    setPerception('answered');
    if (!parsed.success || !delivery) return;
    enqueue({ key: `${delivery.id}/perception`, kind: 'perception', url: `/api/diagnoses/${slug}/signals/${delivery.id}/perception`, body: parsed.data });
  };

  const declinePerception = () => {
    localStorage.setItem(perceptionKey(slug), 'declined');
    setPerception('hidden');
  };

  if (diagnosis.status !== 'open') {
    return (
      <>
        <p className="r-notice r-warn">{t(diagnosis.status === 'closed' ? 'resident.closed' : 'resident.draft')}</p>
        <a href={`/s/${slug}?view=summary`}>{t('resident.thanks.summary')}</a>
      </>
    );
  }

  const chosen = (() => {
    if (!place) return t('resident.where.none');
    if (place.kind === 'zone') return t('resident.where.chosenZone', { name: zoneName.get(place.zoneId) ?? '' });
    const z = zoneAt(zones, place.lon, place.lat);
    return z ? t('resident.where.chosenPointIn', { name: z.properties.name }) : t('resident.where.chosenPoint');
  })();
  const otherWaiting = waiting - (delivery && delivery.status !== 'sent' && delivery.status !== 'rejected' ? 1 : 0);

  return (
    <>
      {step === 'where' && <p className="r-intro">{t('resident.anonymous')}</p>}
      {otherWaiting > 0 && (
        <p className="r-notice" role="status">
          {t('resident.status.waiting', { count: otherWaiting })}
        </p>
      )}
      <ol className="r-steps" aria-label="steps">
        {(['where', 'what', 'done'] as const).map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined}>
            {t(`resident.steps.${s}`)}
          </li>
        ))}
      </ol>

      {step === 'where' && (
        <section aria-labelledby="r-where">
          <h2 id="r-where">{t('resident.where.title')}</h2>
          <div className="r-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={mode === 'map'} onClick={() => setMode('map')}>
              {t('resident.where.onMap')}
            </button>
            <button type="button" role="tab" aria-selected={mode === 'list'} onClick={() => setMode('list')}>
              {t('resident.where.fromList')}
            </button>
          </div>
          {tilesFailed && mode === 'list' && <p className="r-notice r-warn" role="status">{t('resident.where.noTiles')}</p>}
          {mode === 'map' ? (
            <PlaceMap
              diagnosis={diagnosis}
              place={place}
              onPlace={onPoint}
              onTilesFailed={() => {
                // Switch to the list once; a resident who goes back to the tile-less map keeps it.
                if (tilesFailedRef.current) return;
                tilesFailedRef.current = true;
                setTilesFailed(true);
                setMode('list');
              }}
            />
          ) : (
            <ZoneList zones={zones} place={place} onZone={(zoneId) => (setPlaceError(null), setPlace({ kind: 'zone', zoneId }))} />
          )}
          {placeError && <p className="r-notice r-warn" role="alert">{placeError}</p>}
          <div className="r-next">
            <p className="r-chosen" data-testid="chosen-place">{chosen}</p>
            <button
              type="button"
              className="primary"
              disabled={!place}
              onClick={() => {
                setPlaceError(null);
                // Answers kept from a report refused for its place: send them with the new place.
                if (fields && place) send(fields, place);
                else setStep('what');
              }}
            >
              {t('resident.where.next')}
            </button>
          </div>
        </section>
      )}

      {step === 'what' && place && (
        <section>
          <p className="r-chosen">
            {chosen}{' '}
            <button type="button" className="link" onClick={() => setStep('where')}>
              {t('resident.where.change')}
            </button>
          </p>
          <SurveyForm key={formKey} name="resident" definition={residentSurvey} onComplete={onReport} />
        </section>
      )}

      {/* Hidden from people (and from assistive technology); bots that fill every field give themselves away. */}
      <div className="r-hp" aria-hidden="true">
        <label>
          {t('resident.honeypot')}
          <input ref={honeypot} type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>

      {step === 'done' && delivery && (
        <section aria-live="polite" data-testid="delivery" data-status={delivery.status}>
          {delivery.status === 'sending' && <p className="r-notice" role="status">{t('resident.status.sending')}</p>}
          {delivery.status === 'queued' && (
            <div className="r-notice r-queued" role="status">
              <p>
                <strong>{t('resident.status.queued')}</strong>
              </p>
              <p>{t('resident.status.queuedHint')}</p>
            </div>
          )}
          {delivery.status === 'sent' && (
            <div className="r-notice r-ok">
              <h2>{t('resident.thanks.title')}</h2>
              <p>{t('resident.thanks.body')}</p>
              {summaryExists && <a href={`/s/${slug}?view=summary`}>{t('resident.thanks.summary')}</a>}
            </div>
          )}
          {delivery.status === 'rejected' && (
            <p className="r-notice r-warn" role="alert">
              {t('resident.status.rejected', { detail: delivery.detail })}
            </p>
          )}

          {delivery.status !== 'rejected' && perception === 'offer' && (
            <div className="r-offer">
              <p>{t('resident.perception.offer')}</p>
              <div className="r-actions">
                <button type="button" className="primary" onClick={() => setPerception('form')}>
                  {t('resident.perception.yes')}
                </button>
                <button type="button" onClick={declinePerception}>
                  {t('resident.perception.no')}
                </button>
              </div>
            </div>
          )}
          {perception === 'form' && <SurveyForm name="perception" definition={perceptionSurvey} onComplete={onPerception} />}
          {perception === 'answered' && <p className="r-notice r-ok">{t('resident.perception.thanks')}</p>}

          <p>
            <button type="button" onClick={restart}>
              {t('resident.thanks.another')}
            </button>
          </p>
        </section>
      )}
    </>
  );
}

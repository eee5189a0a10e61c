// The pact's objectives and their indicators: set ex ante by an admin (create, edit, delete),
// judged ex post by recording measured values (admins and analysts). The dashboard's objectives
// section reads the same data.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../../lib/api';
import { useFormat } from '../labels';
import { canSetUp } from '../nav';
import { ErrorNote } from '../Problem';
import { Link } from '../router';
import { useSession, useUser } from '../session';
import type { Diagnosis, Indicator, Objective, ObjectiveList } from '../types';
import { useApi } from '../useApi';
import { FieldError, IndicatorFields, indicatorBody, invalidProps, text } from './fields';

/** Runs a form's API call: busy flag, field errors beside inputs, the problem's message. */
function useSubmit() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await fn();
    } catch (err) {
      setErrors(fieldErrors(err));
      setMessage(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, message, run };
}

export function ObjectivesPage({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const user = useUser();
  const admin = canSetUp(user.role);
  const list = useApi<ObjectiveList>(`/api/diagnoses/${diagnosis.slug}/objectives`);
  const [creating, setCreating] = useState(false);
  const base = `/api/diagnoses/${diagnosis.slug}`;

  return (
    <main className="ws-main objectives-page">
      <div className="bar">
        <h2>{t('workspace.objectives.title')}</h2>
        {admin && !creating && <button type="button" className="primary" onClick={() => setCreating(true)}>{t('workspace.objectives.new')}</button>}
      </div>
      <p className="muted">
        {admin ? t('workspace.objectives.introAdmin') : t('workspace.objectives.introAnalyst')}{' '}
        <Link href={`/app/${diagnosis.slug}#objectives`}>{t('workspace.objectives.onDashboard')}</Link>
      </p>
      {creating && (
        <section className="card">
          <h3>{t('workspace.objectives.new')}</h3>
          <ObjectiveForm base={base} onDone={() => { setCreating(false); list.reload(); }} onCancel={() => setCreating(false)} />
        </section>
      )}
      <ErrorNote error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <p className="muted">{t('workspace.objectives.empty')}</p>}
      {list.data?.items.map((o) => <ObjectiveCard key={o.id} objective={o} base={base} admin={admin} onChange={list.reload} />)}
    </main>
  );
}

/** Create (no `initial`) or edit an objective; a new one may come with its first indicator. */
function ObjectiveForm({ base, initial, onDone, onCancel }: { base: string; initial?: Objective; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { call } = useSession();
  const { busy, errors, message, run } = useSubmit();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const fields = { code: text(f, 'code'), title: text(f, 'title'), description: String(f.get('description') ?? '') };
    void run(async () => {
      if (initial) {
        await call(`${base}/objectives/${initial.id}`, { method: 'PATCH', json: fields });
      } else {
        // The first indicator is optional: sent only when it has a name.
        const indicators = text(f, 'name') ? [indicatorBody(f)] : [];
        await call(`${base}/objectives`, { method: 'POST', json: { ...fields, indicators } });
      }
      onDone();
    });
  };
  return (
    <form className="ws-form objective-form" onSubmit={submit} aria-busy={busy}>
      <div className="row">
        <label>
          {t('workspace.objectives.code')}
          <input name="code" required maxLength={20} placeholder="OB5" defaultValue={initial?.code} {...invalidProps(errors, 'code')} />
          <FieldError errors={errors} name="code" />
        </label>
        <label className="wide-field">
          {t('workspace.objectives.objectiveTitle')}
          <input name="title" required minLength={3} maxLength={300} defaultValue={initial?.title} {...invalidProps(errors, 'title')} />
          <FieldError errors={errors} name="title" />
        </label>
      </div>
      <label>
        {t('workspace.objectives.description')}
        <textarea name="description" rows={2} maxLength={4000} defaultValue={initial?.description} {...invalidProps(errors, 'description')} />
        <FieldError errors={errors} name="description" />
      </label>
      {!initial && (
        <fieldset>
          <legend>{t('workspace.objectives.firstIndicator')}</legend>
          <IndicatorFields errors={errors} errorPrefix="indicators.0." required={false} />
        </fieldset>
      )}
      {message && <p className="error" role="alert">{message}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{initial ? t('workspace.save') : t('workspace.objectives.create')}</button>
        <button type="button" onClick={onCancel}>{t('workspace.cancel')}</button>
      </div>
    </form>
  );
}

function ObjectiveCard({ objective: o, base, admin, onChange }: { objective: Objective; base: string; admin: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const { call } = useSession();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const remove = async () => {
    if (!window.confirm(t('workspace.objectives.confirmDelete', { code: o.code, count: o.indicators.length }))) return;
    try {
      await call(`${base}/objectives/${o.id}`, { method: 'DELETE' });
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card objective" data-objective={o.code}>
      {editing ? (
        <ObjectiveForm base={base} initial={o} onDone={() => { setEditing(false); onChange(); }} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <div className="bar">
            <h3><span className="objective-code">{o.code}</span> {o.title}</h3>
            {admin && (
              <div className="row-actions">
                <button type="button" className="small" onClick={() => setEditing(true)}>{t('workspace.objectives.edit')}</button>
                <button type="button" className="small danger" onClick={() => void remove()}>{t('workspace.objectives.delete')}</button>
              </div>
            )}
          </div>
          {o.description && <p className="description">{o.description}</p>}
        </>
      )}
      <ErrorNote error={error} />
      {o.indicators.length === 0 ? (
        <p className="muted">{t('workspace.objectives.noIndicators')}</p>
      ) : (
        <ul className="indicators">
          {o.indicators.map((i) => <IndicatorItem key={i.id} indicator={i} base={base} admin={admin} onChange={onChange} />)}
        </ul>
      )}
      {admin && !adding && <button type="button" className="small" onClick={() => setAdding(true)}>{t('workspace.objectives.addIndicator')}</button>}
      {admin && adding && <NewIndicator base={base} objective={o} onDone={() => { setAdding(false); onChange(); }} onCancel={() => setAdding(false)} />}
    </section>
  );
}

function NewIndicator({ base, objective, onDone, onCancel }: { base: string; objective: Objective; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { call } = useSession();
  const { busy, errors, message, run } = useSubmit();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void run(async () => {
      await call(`${base}/objectives/${objective.id}/indicators`, { method: 'POST', json: indicatorBody(f) });
      onDone();
    });
  };
  return (
    <form className="ws-form indicator-form" onSubmit={submit} aria-busy={busy}>
      <h4>{t('workspace.objectives.addIndicator')}</h4>
      <IndicatorFields errors={errors} />
      {message && <p className="error" role="alert">{message}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{t('workspace.objectives.createIndicator')}</button>
        <button type="button" onClick={onCancel}>{t('workspace.cancel')}</button>
      </div>
    </form>
  );
}

function IndicatorItem({ indicator: i, base, admin, onChange }: { indicator: Indicator; base: string; admin: boolean; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { call } = useSession();
  const [mode, setMode] = useState<'view' | 'measure' | 'edit'>('view');
  const { busy, errors, message, run } = useSubmit();
  const unit = i.unit ? ` ${i.unit}` : '';
  const value = (v: number | null) => (v === null ? '—' : `${f.two(v)}${unit}`);
  const date = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  const today = new Date().toLocaleDateString('sv-SE');

  const measure = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const raw = String(fd.get('measured') ?? '').trim();
    const n = Number(raw.replace(',', '.'));
    const measuredAt = text(fd, 'measuredAt');
    void run(async () => {
      await call(`${base}/indicators/${i.id}/measurement`, { method: 'PUT', json: { measured: raw && Number.isFinite(n) ? n : raw, ...(measuredAt ? { measuredAt } : {}) } });
      setMode('view');
      onChange();
    });
  };
  const clear = () =>
    void run(async () => {
      await call(`${base}/indicators/${i.id}/measurement`, { method: 'PUT', json: { measured: null } });
      setMode('view');
      onChange();
    });
  const edit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const body = indicatorBody(new FormData(e.currentTarget), true);
    void run(async () => {
      await call(`${base}/indicators/${i.id}`, { method: 'PATCH', json: body });
      setMode('view');
      onChange();
    });
  };
  const remove = () => {
    if (!window.confirm(t('workspace.objectives.confirmDeleteIndicator', { name: i.name }))) return;
    void run(async () => {
      await call(`${base}/indicators/${i.id}`, { method: 'DELETE' });
      onChange();
    });
  };

  return (
    <li className="indicator" data-indicator={i.name} aria-busy={busy}>
      <div className="objective-head">
        <span>
          <strong>{i.name}</strong>
          {i.direction && <small className="muted"> · {t(`workspace.objectives.directions.${i.direction}`)}</small>}
          {!i.direction && i.baseline === i.target && <small className="field-error"> · {t('workspace.objectives.directionMissing')}</small>}
        </span>
        <span className={`badge status-${i.progress.status}`}>{t(`workspace.objectives.status.${i.progress.status}`)}</span>
      </div>
      {i.description && <p className="muted small">{i.description}</p>}
      <span className="meter progress" aria-hidden="true"><span style={{ width: `${(i.progress.clipped ?? 0) * 100}%` }} /></span>
      <p className="small indicator-figures">
        {i.measured === null
          ? t('workspace.objectives.figuresPending', { baseline: value(i.baseline), target: value(i.target) })
          : t('workspace.objectives.figuresLong', { baseline: value(i.baseline), target: value(i.target), measured: value(i.measured), share: f.pct(i.progress.share) })}
        {i.measuredAt && <> · {t('workspace.objectives.measuredOn', { date: date(i.measuredAt) })}</>}
      </p>
      {mode === 'view' && (
        <div className="row-actions start">
          <button type="button" className="small" onClick={() => setMode('measure')}>{t('workspace.objectives.record')}</button>
          {admin && <button type="button" className="small" onClick={() => setMode('edit')}>{t('workspace.objectives.edit')}</button>}
          {admin && <button type="button" className="small danger" onClick={remove}>{t('workspace.objectives.delete')}</button>}
        </div>
      )}
      {mode === 'measure' && (
        <form className="ws-form measure-form" onSubmit={measure}>
          <div className="row">
            <label>
              {t('workspace.objectives.measured')}{unit && ` (${i.unit})`}
              <input name="measured" inputMode="decimal" required autoFocus defaultValue={i.measured ?? ''} {...invalidProps(errors, 'measured')} />
              <FieldError errors={errors} name="measured" />
            </label>
            <label>
              {t('workspace.objectives.measuredAt')}
              <input name="measuredAt" type="date" max={today} defaultValue={today} {...invalidProps(errors, 'measuredAt')} />
              <FieldError errors={errors} name="measuredAt" />
            </label>
          </div>
          {message && <p className="error" role="alert">{message}</p>}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>{t('workspace.objectives.saveMeasure')}</button>
            {i.measured !== null && <button type="button" disabled={busy} onClick={clear}>{t('workspace.objectives.clearMeasure')}</button>}
            <button type="button" onClick={() => setMode('view')}>{t('workspace.cancel')}</button>
          </div>
        </form>
      )}
      {mode === 'edit' && (
        <form className="ws-form indicator-form" onSubmit={edit}>
          <IndicatorFields initial={i} errors={errors} />
          {message && <p className="error" role="alert">{message}</p>}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>{t('workspace.save')}</button>
            <button type="button" onClick={() => setMode('view')}>{t('workspace.cancel')}</button>
          </div>
        </form>
      )}
      {mode === 'view' && message && <p className="error" role="alert">{message}</p>}
    </li>
  );
}

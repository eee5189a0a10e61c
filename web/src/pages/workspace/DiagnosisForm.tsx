// The fields of a diagnosis, shared by "create" and "edit": title, description, k, the rounding
// base and refresh hours of public figures, map tiles and the period the wave covers. Field errors from the API appear beside their input.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, invalidProps } from './field-errors';
import { ApiError, fieldErrors } from '../../lib/api';
import type { CreateDiagnosis, Diagnosis } from './types';

type Values = Omit<CreateDiagnosis, 'slug'> & { slug?: string };

export function DiagnosisForm({ initial, withSlug, submitLabel, onSubmit, onCancel }: {
  initial?: Diagnosis;
  withSlug: boolean;
  submitLabel: string;
  onSubmit: (values: Values) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const settings = (initial?.settings ?? {}) as Record<string, string | undefined>;
  const numbers = (initial?.settings ?? {}) as { roundingBase?: number; summaryRefreshHours?: number };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    // Empty optional settings are left out: the API keeps what it has and validates what it gets.
    const s: Record<string, string | number> = {};
    for (const k of ['tileUrl', 'tileAttribution', 'periodFrom', 'periodTo']) if (text(k)) s[k] = text(k);
    for (const k of ['roundingBase', 'summaryRefreshHours']) if (text(k)) s[k] = Number(text(k));
    const values: Values = { title: text('title'), description: text('description'), k: Number(text('k')), settings: s };
    if (withSlug) values.slug = text('slug');
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await onSubmit(values);
    } catch (err) {
      setErrors(fieldErrors(err));
      setMessage(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  const invalid = (name: string) => invalidProps(errors, name);
  return (
    <form className="ws-form" onSubmit={submit} aria-busy={busy}>
      {withSlug && (
        <label>
          {t('workspace.diagnosis.slug')}
          <input name="slug" required pattern="[a-z0-9][a-z0-9\-]{1,62}" defaultValue={initial?.slug} {...invalid('slug')} />
          <small>{t('workspace.diagnosis.slugHelp')}</small>
          <FieldError errors={errors} name="slug" />
        </label>
      )}
      <label>
        {t('workspace.diagnosis.title')}
        <input name="title" required minLength={3} maxLength={200} defaultValue={initial?.title} {...invalid('title')} />
        <FieldError errors={errors} name="title" />
      </label>
      <label>
        {t('workspace.diagnosis.description')}
        <textarea name="description" rows={3} maxLength={4000} defaultValue={initial?.description} {...invalid('description')} />
        <FieldError errors={errors} name="description" />
      </label>
      <label>
        {t('workspace.diagnosis.k')}
        <input name="k" type="number" min={2} max={100} required defaultValue={initial?.k ?? 5} {...invalid('k')} />
        <small>{t('workspace.diagnosis.kHelp')}</small>
        <FieldError errors={errors} name="k" />
      </label>
      <label>
        {t('workspace.diagnosis.roundingBase')}
        <input name="roundingBase" type="number" min={2} max={100} defaultValue={numbers.roundingBase ?? 5} {...invalid('settings.roundingBase')} />
        <small>{t('workspace.diagnosis.roundingBaseHelp')}</small>
        <FieldError errors={errors} name="settings.roundingBase" />
      </label>
      <label>
        {t('workspace.diagnosis.summaryRefreshHours')}
        <input name="summaryRefreshHours" type="number" min={1} max={168} defaultValue={numbers.summaryRefreshHours ?? 24} {...invalid('settings.summaryRefreshHours')} />
        <small>{t('workspace.diagnosis.summaryRefreshHoursHelp')}</small>
        <FieldError errors={errors} name="settings.summaryRefreshHours" />
      </label>
      <fieldset>
        <legend>{t('workspace.diagnosis.period')}</legend>
        <div className="row">
          <label>
            {t('workspace.diagnosis.periodFrom')}
            <input name="periodFrom" type="date" defaultValue={settings.periodFrom} {...invalid('settings.periodFrom')} />
            <FieldError errors={errors} name="settings.periodFrom" />
          </label>
          <label>
            {t('workspace.diagnosis.periodTo')}
            <input name="periodTo" type="date" defaultValue={settings.periodTo} {...invalid('settings.periodTo')} />
            <FieldError errors={errors} name="settings.periodTo" />
          </label>
        </div>
      </fieldset>
      <details>
        <summary>{t('workspace.diagnosis.map')}</summary>
        <label>
          {t('workspace.diagnosis.tileUrl')}
          <input name="tileUrl" type="url" placeholder="https://tile.openstreetmap.org/{z}/{x}/{y}.png" defaultValue={settings.tileUrl} {...invalid('settings.tileUrl')} />
          <FieldError errors={errors} name="settings.tileUrl" />
        </label>
        <label>
          {t('workspace.diagnosis.tileAttribution')}
          <input name="tileAttribution" maxLength={300} defaultValue={settings.tileAttribution} {...invalid('settings.tileAttribution')} />
          <FieldError errors={errors} name="settings.tileAttribution" />
        </label>
      </details>
      {message && <p className="error" role="alert">{message}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{submitLabel}</button>
        {onCancel && <button type="button" onClick={onCancel}>{t('workspace.cancel')}</button>}
      </div>
    </form>
  );
}

// Form pieces shared by the objectives forms: numbers typed the Italian way ("3,5"), field errors
// from the API beside their input, and the fields of one indicator.
import { useTranslation } from 'react-i18next';
import { FieldError, invalidProps } from '../field-errors';
import type { Indicator } from '../types';

/** A typed figure: a number when it reads as one, the raw text otherwise (the API says what is wrong). */
export function figure(raw: FormDataEntryValue | null): number | string | undefined {
  const text = String(raw ?? '').trim();
  if (!text) return undefined;
  const n = Number(text.replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : text;
}

export const text = (f: FormData, name: string) => String(f.get(name) ?? '').trim();

export { FieldError, invalidProps };

/** The fields of one indicator; `errorPrefix` maps the API's field names (e.g. "indicators.0."). */
export function IndicatorFields({ initial, errors, errorPrefix = '', required = true }: { initial?: Indicator; errors: Record<string, string>; errorPrefix?: string; required?: boolean }) {
  const { t } = useTranslation();
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const e = (name: string) => `${errorPrefix}${name}`;
  return (
    <>
      <label>
        {t('workspace.objectives.indicatorName')}
        <input name="name" required={required} maxLength={300} defaultValue={initial?.name} {...invalidProps(errors, e('name'))} />
        <FieldError errors={errors} name={e('name')} />
      </label>
      <label>
        {t('workspace.objectives.description')}
        <textarea name="indicatorDescription" rows={2} maxLength={2000} defaultValue={initial?.description} {...invalidProps(errors, e('description'))} />
        <FieldError errors={errors} name={e('description')} />
      </label>
      <div className="row">
        <label>
          {t('workspace.objectives.baseline')}
          <input name="baseline" inputMode="decimal" required={required} defaultValue={num(initial?.baseline)} {...invalidProps(errors, e('baseline'))} />
          <FieldError errors={errors} name={e('baseline')} />
        </label>
        <label>
          {t('workspace.objectives.target')}
          <input name="target" inputMode="decimal" required={required} defaultValue={num(initial?.target)} {...invalidProps(errors, e('target'))} />
          <FieldError errors={errors} name={e('target')} />
        </label>
        <label>
          {t('workspace.objectives.unit')}
          <input name="unit" maxLength={30} placeholder="%" defaultValue={initial?.unit} {...invalidProps(errors, e('unit'))} />
          <FieldError errors={errors} name={e('unit')} />
        </label>
        <label>
          {t('workspace.objectives.direction')}
          <select name="direction" defaultValue={initial?.direction ?? ''} {...invalidProps(errors, e('direction'))}>
            <option value="">{t('workspace.objectives.directionImplied')}</option>
            <option value="increase">{t('workspace.objectives.directions.increase')}</option>
            <option value="decrease">{t('workspace.objectives.directions.decrease')}</option>
          </select>
          <FieldError errors={errors} name={e('direction')} />
        </label>
      </div>
      <div className="row">
        <label>
          {t('workspace.objectives.measured')}
          <input name="measured" inputMode="decimal" defaultValue={num(initial?.measured)} {...invalidProps(errors, e('measured'))} />
          <small>{t('workspace.objectives.measuredHelp')}</small>
          <FieldError errors={errors} name={e('measured')} />
        </label>
        <label>
          {t('workspace.objectives.measuredAt')}
          <input name="measuredAt" type="date" defaultValue={initial?.measuredAt ?? ''} {...invalidProps(errors, e('measuredAt'))} />
          <FieldError errors={errors} name={e('measuredAt')} />
        </label>
      </div>
    </>
  );
}

/** The indicator fields of a form as an API body; `forUpdate` sends an emptied measurement as null. */
export function indicatorBody(f: FormData, forUpdate = false) {
  const direction = text(f, 'direction');
  const measured = figure(f.get('measured'));
  const measuredAt = text(f, 'measuredAt');
  return {
    name: text(f, 'name'),
    description: String(f.get('indicatorDescription') ?? ''),
    unit: text(f, 'unit'),
    baseline: figure(f.get('baseline')),
    target: figure(f.get('target')),
    ...(direction ? { direction } : {}),
    ...(measured !== undefined ? { measured } : forUpdate ? { measured: null } : {}),
    ...(measuredAt && measured !== undefined ? { measuredAt } : {}),
  };
}

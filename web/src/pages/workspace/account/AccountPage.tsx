// One's own account: who is signed in, and a password change (the current password, the new one
// twice). Every other session of the account ends; this one stays.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../../lib/api';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../../api/auth/password-rules';
import { FieldError, invalidProps } from '../field-errors';
import { useSession, useUser } from '../session';

type Field = 'currentPassword' | 'newPassword' | 'repeat';

export function AccountPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { call } = useSession();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const currentPassword = String(f.get('currentPassword') ?? '');
    const newPassword = String(f.get('newPassword') ?? '');
    setMessage(null);
    if (newPassword !== String(f.get('repeat') ?? '')) return setErrors({ repeat: t('workspace.account.mismatch') });
    if (newPassword === currentPassword) return setErrors({ newPassword: t('workspace.account.same') });
    setErrors({});
    setBusy(true);
    try {
      await call('/api/auth/password', { method: 'POST', json: { currentPassword, newPassword } });
      form.reset();
      setMessage({ ok: true, text: t('workspace.account.changed') });
    } catch (err) {
      const fields = fieldErrors(err);
      // The API's wording is English; the one refusal a person meets often is said here.
      setErrors({ ...fields, ...(fields.currentPassword ? { currentPassword: t('workspace.account.wrongCurrent') } : {}) });
      const status = err instanceof ApiError ? err.problem.status : 0;
      setMessage({ ok: false, text: status === 429 ? t('workspace.account.tooMany') : status === 422 ? t('workspace.account.refused') : t('common.error') });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Field, label: string, autoComplete: string, rule: boolean) => (
    <label>
      {label}
      <input
        name={name}
        type="password"
        required
        autoComplete={autoComplete}
        {...(rule ? { minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX } : { maxLength: PASSWORD_MAX })}
        {...invalidProps(errors, name)}
      />
      <FieldError errors={errors} name={name} />
    </label>
  );

  return (
    <main className="ws-main">
      <h1>{t('workspace.account.title')}</h1>
      <p>
        {user.name} · {user.email} · {t(`workspace.roles.${user.role}`)}
      </p>
      <section>
        <h2>{t('workspace.account.changePassword')}</h2>
        <form className="ws-form" onSubmit={submit} aria-busy={busy} data-testid="password-form">
          {field('currentPassword', t('workspace.account.current'), 'current-password', false)}
          {field('newPassword', t('workspace.account.new'), 'new-password', true)}
          <small>{t('workspace.account.rule', { n: PASSWORD_MIN })}</small>
          {field('repeat', t('workspace.account.repeat'), 'new-password', true)}
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              {t('workspace.account.submit')}
            </button>
          </div>
          {message && (
            <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </p>
          )}
        </form>
      </section>
    </main>
  );
}

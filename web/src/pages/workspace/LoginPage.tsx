// Sign-in for analysts, coordinators and moderators (email + password, session cookie).
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { LangSwitch } from '../LangSwitch';
import { useSession } from './session';

export function LoginPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn(String(form.get('email')), String(form.get('password')));
    } catch (err) {
      const status = err instanceof ApiError ? err.problem.status : 0;
      setError(status === 401 ? t('workspace.signIn.wrong') : status === 429 ? t('workspace.signIn.tooMany') : err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="page narrow ws-login">
      <header className="bar">
        <h1>{t('app.name')}</h1>
        <LangSwitch />
      </header>
      <p className="tagline">{t('workspace.signIn.intro')}</p>
      <form onSubmit={submit} className="ws-form" aria-busy={busy}>
        <h2>{t('workspace.signIn.title')}</h2>
        <label>
          {t('workspace.signIn.email')}
          <input name="email" type="email" autoComplete="username" required maxLength={200} />
        </label>
        <label>
          {t('workspace.signIn.password')}
          <input name="password" type="password" autoComplete="current-password" required maxLength={200} />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? t('common.loading') : t('workspace.signIn.submit')}</button>
      </form>
    </main>
  );
}

// Shows what went wrong: the API's problem detail, or a generic message with a retry.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t('common.error');
  return (
    <p className="error" role="alert">
      {message} {onRetry && <button type="button" onClick={onRetry}>{t('common.retry')}</button>}
    </p>
  );
}

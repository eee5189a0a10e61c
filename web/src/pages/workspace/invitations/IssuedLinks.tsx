// Links just issued. The API shows each token once and stores only its hash, so this panel is
// the one chance to copy them: copy one, copy all, or save them as a CSV for a mail merge.
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../../lib/download';
import { CopyButton } from '../CopyButton';
import { toCsv } from '../exports/build';
import { useLabels } from '../labels';
import type { IssuedInvitation } from '../types';

export function IssuedLinks({ issued, slug, onClose }: { issued: IssuedInvitation[]; slug: string; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  if (!issued.length) return null;
  const asText = issued.map((x) => `${x.invitation.institution.name}\t${x.link}`).join('\n');
  const csv = () =>
    toCsv(
      [t('workspace.invitations.institution'), t('workspace.invitations.kind'), t('workspace.invitations.link'), t('workspace.invitations.expires')],
      issued.map((x) => [x.invitation.institution.name, labels.kind(x.invitation.institution.kind), x.link, x.invitation.expiresAt.slice(0, 10)]),
      { delimiter: labels.lang === 'it' ? ';' : ',' },
    );
  const close = () => {
    if (window.confirm(t('workspace.invitations.confirmClose'))) onClose();
  };
  return (
    <section className="card issued" role="region" aria-labelledby="issued-title">
      <h2 id="issued-title">{t('workspace.invitations.issuedTitle', { count: issued.length })}</h2>
      <p className="note">{t('workspace.invitations.shownOnce')}</p>
      <div className="actions">
        <CopyButton text={asText} label={t('workspace.invitations.copyAll')} />
        <button type="button" className="small" onClick={() => downloadText(`${slug}-inviti-${new Date().toISOString().slice(0, 10)}.csv`, csv(), 'text/csv;charset=utf-8')}>
          {t('workspace.invitations.downloadLinks')}
        </button>
        <button type="button" className="small" onClick={close}>{t('workspace.invitations.done')}</button>
      </div>
      <div className="table-wrap">
        <table className="ws-table">
          <thead>
            <tr>
              <th>{t('workspace.invitations.institution')}</th>
              <th>{t('workspace.invitations.link')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {issued.map((x) => (
              <tr key={x.invitation.id}>
                <td>{x.invitation.institution.name}<div className="muted small">{labels.kind(x.invitation.institution.kind)}</div></td>
                <td><code className="link-code" data-invitation-link>{x.link}</code></td>
                <td><CopyButton text={x.link} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

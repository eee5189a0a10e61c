// The public resident link of a diagnosis and its QR code, ready to print on a poster or flyer.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';
import type { Diagnosis } from './types';

/** Prints only the poster: the rest of the page is hidden by the print stylesheet meanwhile. */
function printPoster() {
  document.body.dataset.print = 'qr';
  const done = () => {
    delete document.body.dataset.print;
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function ResidentLink({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const url = `${window.location.origin}/s/${diagnosis.slug}`;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // High error correction: posters get folded, stained and photographed at an angle.
    QRCode.toDataURL(url, { errorCorrectionLevel: 'H', margin: 2, width: 640 }).then((d) => live && setQr(d), () => live && setQr(null));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <section className="card resident-link">
      <h2>{t('workspace.resident.title')}</h2>
      <p>{t('workspace.resident.intro')}</p>
      {diagnosis.status !== 'open' && <p className="note">{t('workspace.resident.notOpen')}</p>}
      <p className="link-line">
        <a href={url} target="_blank" rel="noopener">{url}</a> <CopyButton text={url} />
      </p>
      <div className="qr-poster">
        <p className="poster-title">{t('workspace.resident.posterTitle')}</p>
        <p className="poster-sub">{diagnosis.title}</p>
        {qr && <img src={qr} alt={t('workspace.resident.qrAlt', { url })} width={240} height={240} />}
        <p className="poster-url">{url}</p>
        <p className="poster-note">{t('workspace.resident.posterNote')}</p>
      </div>
      <div className="actions">
        <button type="button" onClick={printPoster} disabled={!qr}>{t('workspace.resident.print')}</button>
        {qr && <a className="button" href={qr} download={`osservatorio-${diagnosis.slug}-qr.png`}>{t('workspace.resident.download')}</a>}
      </div>
    </section>
  );
}

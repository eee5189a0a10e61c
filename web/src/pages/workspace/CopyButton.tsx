// Copies a text (a link) to the clipboard and says so; falls back to selecting it for Ctrl+C.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<'ok' | 'fail' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('ok');
    } catch {
      // Clipboard needs a secure context or permission; prompt() lets the user copy by hand.
      window.prompt(t('workspace.copy.manual'), text);
      setDone('fail');
    }
    setTimeout(() => setDone(null), 2000);
  };
  return (
    <button type="button" className="small" onClick={() => void copy()} aria-live="polite">
      {done === 'ok' ? t('workspace.copy.done') : (label ?? t('workspace.copy.label'))}
    </button>
  );
}

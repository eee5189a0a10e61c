// A wide table that scrolls sideways on a phone: focusable and named, so that someone on a
// keyboard can reach and scroll it (WCAG 2.1.1; axe's scrollable-region-focusable).
import type { ReactNode } from 'react';

export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

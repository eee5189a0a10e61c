// Italian UI strings (the default). Every key here has its English twin in en.ts.
export const it = {
  app: { name: 'Osservatorio', tagline: 'Diagnosi partecipata di sicurezza e legalità' },
  lang: { switchTo: 'English', label: 'Lingua' },
  common: { loading: 'Caricamento…', error: 'Qualcosa non ha funzionato.', retry: 'Riprova', demo: 'DATI DIMOSTRATIVI' },
  home: {
    intro:
      'Osservatorio raccoglie le segnalazioni dei cittadini, i questionari degli enti e i dati delle forze dell’ordine per costruire la diagnosi di sicurezza e legalità da cui nasce un patto locale.',
    resident: 'Segnala dove ti senti insicuro/a',
    analyst: 'Area di lavoro per analisti e coordinatori',
    api: 'Documentazione delle API',
  },
  notFound: { title: 'Pagina non trovata', back: 'Torna all’inizio' },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof it>;

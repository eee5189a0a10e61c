import type { Messages } from './it';

export const en: Messages = {
  app: { name: 'Osservatorio', tagline: 'Participatory diagnosis of security and legality' },
  lang: { switchTo: 'Italiano', label: 'Language' },
  common: { loading: 'Loading…', error: 'Something went wrong.', retry: 'Try again', demo: 'DEMONSTRATION DATA' },
  home: {
    intro:
      'Osservatorio gathers residents’ reports, institutions’ questionnaires and police figures to build the security and legality diagnosis a local pact grows from.',
    resident: 'Report where you feel unsafe',
    analyst: 'Workspace for analysts and coordinators',
    api: 'API documentation',
  },
  notFound: { title: 'Page not found', back: 'Back to the start' },
};

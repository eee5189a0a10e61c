// The ~30 demo institutions: every kind of actor a security pact brings to the table.
import type { InstitutionKind } from '../../../surveys/taxonomy';
import { demoMunicipalities } from './territory';

export type DemoInstitution = { name: string; kind: InstitutionKind; area?: 'Piana' | 'Valle' | 'Costa'; municipality?: string };

export const demoInstitutions: DemoInstitution[] = [
  ...demoMunicipalities.map((m) => ({ name: `Comune di ${m.name}`, kind: 'comune' as const, area: m.area, municipality: m.name })),
  { name: 'Unione dei Comuni della Valle del Lume', kind: 'comunita-montana' },
  { name: 'Comunità montana dell’Alta Valle', kind: 'comunita-montana', area: 'Valle' },
  { name: 'Provincia del Lume', kind: 'provincia' },
  { name: 'Prefettura - Ufficio territoriale del Governo', kind: 'prefettura' },
  { name: 'Regione - Settore sicurezza urbana', kind: 'regione' },
  { name: 'Questura - Divisione anticrimine', kind: 'forze-ordine' },
  { name: 'Comando provinciale Carabinieri', kind: 'forze-ordine' },
  { name: 'Guardia di Finanza - Compagnia della Piana', kind: 'forze-ordine', area: 'Piana' },
  { name: 'Polizia locale dell’Unione', kind: 'polizia-locale' },
  { name: 'Polizia municipale di Marina del Lume', kind: 'polizia-locale', area: 'Costa', municipality: 'Marina del Lume' },
  { name: 'ASL - Dipartimento dipendenze', kind: 'asl' },
  { name: 'Istituto comprensivo Borgo Lume', kind: 'scuola', area: 'Piana', municipality: 'Borgo Lume' },
  { name: 'Istituto superiore "G. Galilei"', kind: 'scuola', area: 'Costa', municipality: 'Torre Saracena' },
  { name: 'Cooperativa sociale Il Ponte (educativa di strada)', kind: 'terzo-settore', area: 'Piana' },
  { name: 'Associazione Donne in rete - centro antiviolenza', kind: 'terzo-settore' },
  { name: 'Consulta del volontariato', kind: 'terzo-settore', area: 'Valle' },
  { name: 'Confcommercio - delegazione del Lume', kind: 'associazione-categoria' },
  { name: 'Associazione balneari della Costa', kind: 'associazione-categoria', area: 'Costa' },
  { name: 'Caritas diocesana', kind: 'ente-religioso' },
  { name: 'Procura della Repubblica', kind: 'magistratura' },
];

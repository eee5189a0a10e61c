// The fallback that always works: the diagnosis zones as a list, grouped by municipality, with a
// filter. No tiles, no geolocation, no JavaScript map needed.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Place, ZoneFeature } from './types';

type Props = { zones: ZoneFeature[]; place: Place | null; onZone: (zoneId: string) => void };

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export function ZoneList({ zones, place, onZone }: Props) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const f = fold(filter.trim());
    const byMunicipality = new Map<string, ZoneFeature[]>();
    for (const z of zones) {
      const m = z.properties.municipality ?? '';
      if (f && !fold(`${z.properties.name} ${m}`).includes(f)) continue;
      byMunicipality.set(m, [...(byMunicipality.get(m) ?? []), z]);
    }
    return [...byMunicipality].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'it')));
  }, [zones, filter]);
  const chosen = place?.kind === 'zone' ? place.zoneId : null;

  return (
    <div className="r-zones">
      <label className="r-filter">
        <span>{t('resident.where.filter')}</span>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" enterKeyHint="search" />
      </label>
      {groups.length === 0 && <p className="r-hint">{t('resident.where.noMatch')}</p>}
      {groups.map(([municipality, list]) => (
        <fieldset key={municipality} className="r-zone-group">
          <legend>{municipality || t('resident.where.otherPlaces')}</legend>
          {list.map((z) => (
            <label key={z.id} className={`r-zone${chosen === z.id ? ' is-chosen' : ''}`}>
              <input type="radio" name="zone" value={z.id} checked={chosen === z.id} onChange={() => onZone(z.id)} />
              <span>{z.properties.name}</span>
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}

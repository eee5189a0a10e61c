// The map: the diagnosis zones over the configured tiles, tap to place a pin, or use the
// device's position. When tiles fail to load it says so, and the page falls back to the list.
import type { FeatureCollection } from 'geojson';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Place, PublicDiagnosis } from './types';

type Props = {
  diagnosis: PublicDiagnosis;
  place: Place | null;
  onPlace: (lat: number, lon: number) => void;
  onTilesFailed: () => void;
};

// A CSS pin: Leaflet's default marker loads images from a path its CSS guesses, which a bundle breaks.
const pin = L.divIcon({ className: 'r-pin', html: '<span></span>', iconSize: [30, 30], iconAnchor: [15, 30] });

export function PlaceMap({ diagnosis, place, onPlace, onTilesFailed }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.Marker | null>(null);
  const handlers = useRef({ onPlace, onTilesFailed });
  handlers.current = { onPlace, onTilesFailed };
  const [locating, setLocating] = useState(false);
  const [locateError, setLocateError] = useState(false);

  useEffect(() => {
    if (!box.current) return;
    const m = L.map(box.current, { zoomControl: true, attributionControl: true, tapTolerance: 20 });
    map.current = m;
    let loaded = 0;
    let failed = 0;
    const tiles = L.tileLayer(diagnosis.map.tileUrl, { attribution: diagnosis.map.attribution, maxZoom: 19 });
    tiles.on('tileload', () => loaded++);
    tiles.on('tileerror', () => {
      failed++;
      if (failed === 3 && loaded === 0) handlers.current.onTilesFailed();
    });
    tiles.addTo(m);
    L.geoJSON(diagnosis.zones as unknown as FeatureCollection, {
      style: { color: '#1f4e79', weight: 1.5, fillOpacity: 0.08 },
    }).addTo(m);
    const b = diagnosis.bbox;
    if (b) m.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [8, 8] });
    else m.setView([42, 12.5], 6);
    m.on('click', (e: L.LeafletMouseEvent) => handlers.current.onPlace(e.latlng.lat, e.latlng.lng));
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
    };
  }, [diagnosis]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (place?.kind === 'point') {
      const at = L.latLng(place.lat, place.lon);
      if (marker.current) marker.current.setLatLng(at);
      else marker.current = L.marker(at, { icon: pin, keyboard: false, interactive: false }).addTo(m);
    } else if (marker.current) {
      marker.current.remove();
      marker.current = null;
    }
  }, [place]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocateError(true);
      return;
    }
    setLocating(true);
    setLocateError(false);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        const { latitude, longitude } = pos.coords;
        map.current?.setView([latitude, longitude], Math.max(map.current.getZoom(), 16));
        handlers.current.onPlace(latitude, longitude);
      },
      () => {
        setLocating(false);
        setLocateError(true);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <div className="r-map-wrap">
      <p className="r-hint">{t('resident.where.tapHint')}</p>
      <div ref={box} className="r-map" role="application" aria-label={t('resident.where.mapLabel')} data-testid="resident-map" />
      <button type="button" className="r-locate" onClick={locate} disabled={locating}>
        {locating ? t('resident.where.locating') : t('resident.where.locate')}
      </button>
      {locateError && <p className="r-notice r-warn" role="alert">{t('resident.where.locateFailed')}</p>}
    </div>
  );
}

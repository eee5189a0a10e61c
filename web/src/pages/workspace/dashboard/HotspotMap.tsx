// The dashboard map: hotspot cells coloured by class under the zone boundaries, on the
// diagnosis's tile server. The API returns only the analysed cells (centre inside the territory),
// so land outside the territory shows no cell at all, not an empty one. Without network the tiles stay blank and the vectors still draw.
// A click anywhere opens the figures of the cell and the zone under it.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { containsPoint } from './geo';
import type { HotspotCell } from './analysisTypes';

export type ZoneFeature = { id: string | number; properties: { id: string; name: string }; geometry: unknown };
export type Figures = { title: string; rows: [string, string][] };

export const CLASS_COLOURS: Record<string, string> = {
  'hot-99': '#b2182b',
  'hot-95': '#ef8a62',
  'hot-90': '#fdc8a8',
  none: '#bfc5cf',
  'cold-90': '#c6def0',
  'cold-95': '#67a9cf',
  'cold-99': '#2166ac',
};

const toBounds = (b: [number, number, number, number]): L.LatLngBoundsExpression => [[b[1], b[0]], [b[3], b[2]]];

const cellClass = (cls: string) => `hotspot-cell hotspot-${cls}`;
const cellStyle = (cls: string): L.PathOptions => ({ className: cellClass(cls), stroke: cls !== 'none', color: '#fff', weight: 0.5, fillColor: CLASS_COLOURS[cls] ?? '#ccc', fillOpacity: cls === 'none' ? 0.35 : 0.75 });
const cellRing = (c: HotspotCell) => c.geometry.coordinates[0].map(([lon, lat]) => [lat, lon] as [number, number]);
type DrawnCell = { layer: L.Polygon; cls: string };

function figuresElement(parts: Figures[]): HTMLElement {
  // Built with textContent: zone names come from imported data and are never parsed as HTML.
  const root = document.createElement('div');
  root.className = 'map-popup';
  for (const part of parts) {
    const h = document.createElement('strong');
    h.textContent = part.title;
    root.append(h);
    const dl = document.createElement('dl');
    for (const [k, v] of part.rows) {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      dl.append(dt, dd);
    }
    root.append(dl);
  }
  return root;
}

export function HotspotMap({ tileUrl, attribution, bbox, zones, cells, selectedZone, cellFigures, zoneFigures, onSelectZone, label }: {
  tileUrl: string;
  attribution: string;
  bbox: [number, number, number, number] | null;
  zones: ZoneFeature[];
  cells: HotspotCell[];
  selectedZone: string | null;
  cellFigures: (cell: HotspotCell) => Figures;
  zoneFigures: (zoneId: string, name: string) => Figures;
  onSelectZone: (zoneId: string | null) => void;
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const zoneLayer = useRef<L.GeoJSON | null>(null);
  const cellLayer = useRef<L.LayerGroup | null>(null);
  const drawn = useRef<DrawnCell[]>([]);
  // The click handler reads the latest data and callbacks without re-binding.
  const latest = useRef({ zones, cells, cellFigures, zoneFigures, onSelectZone, bbox });
  latest.current = { zones, cells, cellFigures, zoneFigures, onSelectZone, bbox };

  useEffect(() => {
    const m = L.map(el.current!, { zoomSnap: 0.25, scrollWheelZoom: false });
    L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(m);
    L.control.scale({ imperial: false }).addTo(m);
    m.setView([41.9, 12.5], 6);
    m.on('click', (e: L.LeafletMouseEvent) => {
      const { lng, lat } = e.latlng;
      const { zones, cells, cellFigures, zoneFigures, onSelectZone } = latest.current;
      const cell = cells.find((c) => containsPoint(c.geometry, lng, lat));
      const zone = zones.find((z) => containsPoint(z.geometry, lng, lat));
      onSelectZone(zone ? zone.properties.id : null);
      const parts = [...(zone ? [zoneFigures(zone.properties.id, zone.properties.name)] : []), ...(cell ? [cellFigures(cell)] : [])];
      if (parts.length) L.popup({ maxWidth: 320 }).setLatLng(e.latlng).setContent(figuresElement(parts)).openOn(m);
    });
    map.current = m;
    cellLayer.current = L.layerGroup().addTo(m);
    drawn.current = [];
    // Printing changes the page width: let Leaflet measure again and re-centre.
    const print = window.matchMedia('print');
    const refit = () => {
      m.invalidateSize();
      if (latest.current.bbox) m.fitBounds(toBounds(latest.current.bbox), { padding: [10, 10] });
    };
    print.addEventListener('change', refit);
    window.addEventListener('beforeprint', refit);
    return () => {
      print.removeEventListener('change', refit);
      window.removeEventListener('beforeprint', refit);
      m.remove();
      map.current = null;
    };
  }, [tileUrl, attribution]);

  useEffect(() => {
    if (map.current && bbox) map.current.fitBounds(toBounds(bbox), { padding: [10, 10] });
  }, [bbox, tileUrl]);

  // New figures reuse the cell paths already drawn: moved to their new place and restyled only
  // when their class changed; only the surplus is added or removed. Creating and removing one
  // Leaflet path per cell (thousands of them; the cells shown change with the filter even though
  // the territory's grid does not) took most of the main thread's time after a filter change.
  useEffect(() => {
    const group = cellLayer.current;
    if (!group) return;
    const pool = drawn.current;
    let added = false;
    cells.forEach((c, i) => {
      const cls = c.properties.class;
      const had = pool[i];
      if (!had) {
        // noClip: a cell is four points; clipping thousands of them to the view on every draw cost
        // more than drawing the few off-screen ones.
        const layer = L.polygon(cellRing(c), { ...cellStyle(cls), interactive: false, noClip: true });
        group.addLayer(layer);
        pool.push({ layer, cls });
        added = true;
        return;
      }
      had.layer.setLatLngs(cellRing(c));
      if (had.cls !== cls) {
        had.layer.setStyle(cellStyle(cls));
        // Leaflet applies className only when it creates the path.
        had.layer.getElement()?.setAttribute('class', cellClass(cls));
        had.cls = cls;
      }
    });
    for (const { layer } of pool.splice(cells.length)) group.removeLayer(layer);
    if (added) zoneLayer.current?.bringToFront();
  }, [cells, tileUrl]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    zoneLayer.current?.remove();
    zoneLayer.current = L.geoJSON({ type: 'FeatureCollection', features: zones.map((z) => ({ type: 'Feature', ...z })) } as never, {
      interactive: false,
      style: (f) => {
        const on = (f?.properties as ZoneFeature['properties']).id === selectedZone;
        return { className: `zone-outline${on ? ' selected' : ''}`, color: on ? '#111' : '#1f4e79', weight: on ? 3 : 1.5, fill: on, fillOpacity: 0.08, dashArray: on ? undefined : '4 3' };
      },
    }).addTo(m);
  }, [zones, selectedZone, tileUrl]);

  return <div ref={el} className="dash-map" role="region" aria-label={label} />;
}

// 地图监控: one Leaflet map with one marker per place (community), clustered by leaflet.markercluster. Points arrive
// already in the tiles' datum (the server converts, once). The server pushes only the places whose status changed,
// in batches; a marker's icon and its parent clusters are refreshed, never the whole set. Without tiles (an
// offline LAN) the markers, clusters and list work on a blank background and a small notice says so.
import { library } from './library.js';

const maps = new WeakMap();
// Least to most urgent, as MapStatus on the server: a cluster shows the worst of its places.
const ORDER = ['normal', 'offline', 'fault', 'trapped'];

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function placeIcon(entry, marker) {
  const o = marker.options;
  const selected = entry.selected === o.placeId ? ' tlb-map-selected' : '';
  return L.divIcon({
    className: `tlb-map-marker tlb-map-status-${o.status}${selected}`,
    html: `<span data-place="${o.placeId}" data-status="${o.status}">${o.count}</span>`,
    iconSize: [26, 26],
  });
}

function clusterIcon(entry, cluster) {
  let worst = 0;
  let elevators = 0;
  const children = cluster.getAllChildMarkers();
  for (const m of children) {
    const rank = ORDER.indexOf(m.options.status);
    if (rank > worst) worst = rank;
    elevators += m.options.count;
  }
  const title = entry.texts.cluster.replace('{0}', children.length).replace('{1}', elevators);
  return L.divIcon({
    className: `tlb-map-cluster tlb-map-status-${ORDER[worst]}`,
    html: `<span title="${escape(title)}" data-status="${ORDER[worst]}">${elevators}</span>`,
    iconSize: [40, 40],
  });
}

function shows(entry, marker) {
  return !entry.filter || marker.options.status === entry.filter;
}

function notice(entry) {
  if (entry.notice) return;
  const control = L.control({ position: 'bottomleft' });
  control.onAdd = () => {
    const div = L.DomUtil.create('div', 'tlb-map-notice');
    div.setAttribute('data-testid', 'tile-notice');
    div.textContent = entry.texts.tilesFailed;
    return div;
  };
  control.addTo(entry.map);
  entry.notice = control;
}

// places: [[id, lat, lng, status, elevatorCount, name], …]
export async function init(element, options, places, dotnet) {
  await library('leaflet');
  await library('leaflet.markercluster');
  const started = performance.now();
  const map = L.map(element, { attributionControl: !!options.attribution, minZoom: 3, maxZoom: options.maxZoom || 18, zoomSnap: 0.5 });
  if (options.attribution) map.attributionControl.setPrefix(false).addAttribution(escape(options.attribution));
  const entry = { map, dotnet, texts: options.texts, markers: new Map(), filter: null, selected: null, notice: null, stats: { batches: 0, changes: 0, ms: 0, maxMs: 0 } };
  if (options.tileUrl) {
    // Tiles that never arrive (no internet on the LAN, a wrong key) leave a blank background and one notice.
    let loaded = false;
    const layers = [options.tileUrl, options.labelUrl].filter(Boolean).map((url) =>
      L.tileLayer(url, { subdomains: options.subdomains || 'abc', maxZoom: options.maxZoom || 18 }).addTo(map));
    for (const layer of layers) {
      layer.on('tileload', () => { loaded = true; });
      layer.on('tileerror', () => { if (!loaded) notice(entry); });
    }
  }
  // Markers are clustered in chunks (the page stays responsive with thousands); the map is ready when all are placed.
  let placed;
  const done = new Promise((resolve) => { placed = resolve; });
  entry.cluster = L.markerClusterGroup({
    chunkedLoading: true,
    chunkProgress: (processed, total) => { if (processed >= total) placed(); },
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    maxClusterRadius: 44,
    iconCreateFunction: (cluster) => clusterIcon(entry, cluster),
  });
  const list = [];
  for (const [id, lat, lng, status, count, name] of places) {
    const marker = L.marker([lat, lng], { placeId: id, status, count, title: name, keyboard: false, riseOnHover: true });
    marker.setIcon(placeIcon(entry, marker));
    marker.on('click', () => dotnet.invokeMethodAsync('Pick', id));
    entry.markers.set(id, marker);
    list.push(marker);
  }
  if (list.length) {
    map.fitBounds(L.latLngBounds(list.map((m) => m.getLatLng())), { padding: [32, 32], maxZoom: 15 });
  } else {
    map.setView([35.0, 105.0], 4);
  }
  maps.set(element, entry);
  map.addLayer(entry.cluster);
  entry.cluster.addLayers(list);
  if (!list.length) placed();
  await done;
  entry.stats.initMs = performance.now() - started;
  element.dataset.initMs = entry.stats.initMs.toFixed(0);
  element.dataset.places = String(list.length);
  element.dataset.ready = 'true';
  return entry.stats.initMs;
}

// changes: [[id, status, elevatorCount], …] — only the places whose marker changed since the last batch.
export function update(element, changes) {
  const entry = maps.get(element);
  if (!entry) return;
  const started = performance.now();
  const refresh = [];
  for (const [id, status, count] of changes) {
    const marker = entry.markers.get(id);
    if (!marker) continue;
    const wasShown = shows(entry, marker);
    marker.options.status = status;
    marker.options.count = count;
    marker.setIcon(placeIcon(entry, marker));
    const isShown = shows(entry, marker);
    if (wasShown && !isShown) entry.cluster.removeLayer(marker);
    else if (!wasShown && isShown) entry.cluster.addLayer(marker);
    else if (isShown) refresh.push(marker);
  }
  if (refresh.length) entry.cluster.refreshClusters(refresh);
  const ms = performance.now() - started;
  entry.stats.batches += 1;
  entry.stats.changes += changes.length;
  entry.stats.ms += ms;
  entry.stats.maxMs = Math.max(entry.stats.maxMs, ms);
  // Lets a benchmark (benchmarks/map.sh) time server → marker without reaching into this module.
  element.dispatchEvent(new CustomEvent('tlb-map-update', { detail: { ids: changes.map((c) => c[0]), ms } }));
}

// Only the places whose marker shows this status (null: all).
export function filter(element, status) {
  const entry = maps.get(element);
  if (!entry || entry.filter === status) return;
  entry.filter = status;
  entry.cluster.clearLayers();
  entry.cluster.addLayers([...entry.markers.values()].filter((m) => shows(entry, m)));
}

// Marks the picked place and, when asked, zooms until its own marker (not its cluster) is on screen.
export function select(element, id, reveal) {
  const entry = maps.get(element);
  if (!entry) return;
  const previous = entry.markers.get(entry.selected);
  entry.selected = id;
  if (previous) previous.setIcon(placeIcon(entry, previous));
  const marker = entry.markers.get(id);
  if (!marker) return;
  marker.setIcon(placeIcon(entry, marker));
  if (reveal && entry.cluster.hasLayer(marker)) {
    entry.cluster.zoomToShowLayer(marker, () => entry.map.panTo(marker.getLatLng()));
  }
}

export function stats(element) {
  const entry = maps.get(element);
  return entry ? entry.stats : null;
}

export function destroy(element) {
  const entry = maps.get(element);
  if (entry) {
    entry.map.remove();
    maps.delete(element);
  }
}

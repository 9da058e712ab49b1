// Thin interop over Leaflet (served from wwwroot/lib). Points arrive and leave in the tiles' datum; the server
// converts to and from WGS-84. Without tiles (an offline LAN) the map is blank but the marker still works.
import { library } from './library.js';

const maps = new WeakMap();

export async function picker(element, options, lat, lng, dotnet) {
  await library('leaflet');
  const map = L.map(element, { attributionControl: false }).setView([lat, lng], options.zoom || 15);
  if (options.tileUrl) {
    L.tileLayer(options.tileUrl, { subdomains: options.subdomains || 'abc', maxZoom: 18 }).addTo(map);
  }
  const marker = L.marker([lat, lng], { draggable: true }).addTo(map);
  const report = (p) => dotnet.invokeMethodAsync('Picked', p.lat, p.lng);
  map.on('click', (e) => { marker.setLatLng(e.latlng); report(e.latlng); });
  marker.on('dragend', () => report(marker.getLatLng()));
  maps.set(element, { map, marker });
}

export function move(element, lat, lng) {
  const entry = maps.get(element);
  if (entry) {
    entry.marker.setLatLng([lat, lng]);
    entry.map.panTo([lat, lng]);
  }
}

export function destroy(element) {
  const entry = maps.get(element);
  if (entry) {
    entry.map.remove();
    maps.delete(element);
  }
}

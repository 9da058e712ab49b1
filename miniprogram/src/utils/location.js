import { t } from '../i18n'

/**
 * The phone's position in WGS-84 (the datum the server checks the 1 km rule in; GCJ-02 would need a map key on
 * H5). Rejects with { reason: 'denied' | 'unavailable', message } so a button can say why it cannot act.
 */
export function getPosition() {
  return new Promise((resolve, reject) =>
    uni.getLocation({
      type: 'wgs84',
      isHighAccuracy: true,
      success: (r) => resolve({ latitude: r.latitude, longitude: r.longitude, accuracy: r.accuracy }),
      fail: (error) => {
        const text = String(error?.errMsg || '')
        const denied = /auth|deny|denied|permission|1\b/i.test(text)
        reject({ reason: denied ? 'denied' : 'unavailable', message: denied ? t('定位未开启：请允许本应用使用位置信息') : t('无法获取位置，请到开阔处重试') })
      },
    }),
  )
}

/** Great-circle distance in metres (the same haversine the server's Geofence uses). */
export function distanceMeters(a, b) {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLon = (b.longitude - a.longitude) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** "850 米" / "1.3 公里" (English "850 m" / "1.3 km"). */
export function formatDistance(meters) {
  if (meters == null) return ''
  if (meters < 1000) return t('{0} 米', [Math.round(meters)])
  // "1 公里", not "1.0 公里"; "1.3 公里".
  return t('{0} 公里', [String(Number((meters / 1000).toFixed(1)))])
}

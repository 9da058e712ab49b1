/** The API's base address: relative on the H5 build (same origin as /m), the server's https address in .env.mp. */
export const API_BASE = (import.meta.env.VITE_API_BASE || '/api/v1').replace(/\/$/, '')

/** The live socket's address; on H5 it follows the page's own origin. */
export function liveUrl() {
  const configured = import.meta.env.VITE_LIVE_URL
  if (configured) return configured
  // #ifdef H5
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}${API_BASE}/live`
  // #endif
  // #ifndef H5
  return API_BASE.replace(/^http/, 'ws') + '/live'
  // #endif
}

export const APP_VERSION = '1.0.0'

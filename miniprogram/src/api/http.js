import { API_BASE } from './config'
import { session } from './store'
import { language, t } from '../i18n'

/** A refusal of the API (RFC 7807 problem) or a request that never reached it (offline). */
export class ApiError extends Error {
  constructor({ status = 0, code = 'network', title, errors = {}, offline = false, retryAfter = null }) {
    super(title || code)
    this.status = status
    this.code = code
    this.errors = errors
    this.offline = offline
    this.retryAfter = retryAfter
  }

  /** The first message for a field, for the form item that shows it. */
  field(name) {
    const entry = Object.entries(this.errors).find(([key]) => key.toLowerCase() === name.toLowerCase())
    return entry ? [].concat(entry[1])[0] : ''
  }
}

export function query(params) {
  const parts = Object.entries(params || {})
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export function headers(extra) {
  const result = { Accept: 'application/json', 'Accept-Language': language.value === 'en' ? 'en' : 'zh-CN', ...extra }
  if (session.token) result.Authorization = `Bearer ${session.token}`
  return result
}

function problemOf(response) {
  const data = response.data
  const body = typeof data === 'string' ? safeParse(data) : data instanceof ArrayBuffer ? safeParse(decode(data)) : data
  const header = response.header || {}
  const retry = header['Retry-After'] ?? header['retry-after']
  return new ApiError({
    status: response.statusCode,
    code: body?.code || `http.${response.statusCode}`,
    title: body?.title || body?.detail || t('服务器返回 {0}', [response.statusCode]),
    errors: body?.errors || {},
    retryAfter: retry ? Number(retry) : null,
  })
}

function safeParse(text) {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function decode(buffer) {
  // #ifdef H5
  return new TextDecoder().decode(buffer)
  // #endif
  // #ifndef H5
  return String.fromCharCode.apply(null, new Uint8Array(buffer))
  // #endif
}

let onUnauthorized = () => {}
/** The session module decides what a dead token means (back to sign-in); set once at start. */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler
}

/**
 * One HTTP request to the API. Resolves the parsed body of a 2xx answer, rejects with ApiError otherwise;
 * `offline` is set when the request never got an answer (no signal), which the outbox uses to keep it.
 */
export function request(method, path, { body, header, timeout = 20000 } = {}) {
  return new Promise((resolve, reject) => {
    uni.request({
      url: API_BASE + path,
      method,
      data: body,
      header: headers({ ...(body !== undefined && !(body instanceof ArrayBuffer) ? { 'Content-Type': 'application/json' } : {}), ...header }),
      timeout,
      success(response) {
        if (response.statusCode >= 200 && response.statusCode < 300) {
          resolve(response.data === '' ? null : response.data)
          return
        }
        const problem = problemOf(response)
        if (response.statusCode === 401 && session.token) onUnauthorized(problem)
        reject(problem)
      },
      fail(error) {
        reject(new ApiError({ code: 'network', title: t('网络不可用，请检查信号后重试。'), offline: true, errors: { network: [error?.errMsg || ''] } }))
      },
    })
  })
}

export const api = {
  get: (path, params, options) => request('GET', path + query(params), options),
  post: (path, body, options) => request('POST', path, { ...options, body: body ?? {} }),
  put: (path, body, options) => request('PUT', path, { ...options, body: body ?? {} }),
  del: (path, options) => request('DELETE', path, options),
}

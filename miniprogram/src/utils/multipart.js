import { photoBytes } from './photos'

// wx.uploadFile sends one file per request, but 故障上报 sends up to nine photos all or nothing; so the body
// is built here and sent with uni.request as an ArrayBuffer, the same way on both targets.
function utf8(text) {
  const bytes = []
  for (const char of String(text)) {
    let code = char.codePointAt(0)
    if (code < 0x80) bytes.push(code)
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63))
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
  }
  return new Uint8Array(bytes)
}

/** fields: { name: value }; files: [{ field, photo }] → { body: ArrayBuffer, contentType }. */
export function multipart(fields, files) {
  const boundary = `----tlb${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`
  const parts = []
  for (const [name, value] of Object.entries(fields || {})) {
    if (value === undefined || value === null) continue
    parts.push(utf8(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  for (const { field, photo } of files || []) {
    parts.push(utf8(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${photo.name}"\r\nContent-Type: image/jpeg\r\n\r\n`))
    parts.push(photoBytes(photo))
    parts.push(utf8('\r\n'))
  }
  parts.push(utf8(`--${boundary}--\r\n`))
  const length = parts.reduce((sum, part) => sum + part.length, 0)
  const body = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    body.set(part, offset)
    offset += part.length
  }
  return { body: body.buffer, contentType: `multipart/form-data; boundary=${boundary}` }
}

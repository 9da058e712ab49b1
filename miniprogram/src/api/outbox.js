import { reactive } from 'vue'
import { request } from './http'
import { session } from './store'
import { multipart } from '../utils/multipart'
import { discardPhoto } from '../utils/photos'
import { t } from '../i18n'

// Work done in a pit or a machine room often has no signal. Every write of a field page goes through here: it is
// stored on the phone first, then sent; without an answer it stays, visibly queued, and is sent again when the
// network returns, with the same Idempotency-Key so the server applies it exactly once.
const STORAGE_KEY = 'tlb.outbox'
const RETRY_MS = 15000

export const outbox = reactive({ items: uni.getStorageSync(STORAGE_KEY) || [], flushing: false, lastSentAt: null })

function save() {
  try {
    uni.setStorageSync(STORAGE_KEY, outbox.items)
  } catch {
    throw new Error(t('手机存储空间不足，无法保存待发送的内容。'))
  }
}

function newKey() {
  const random = () => Math.random().toString(16).slice(2, 10)
  return `${Date.now().toString(16)}-${random()}-${random()}-${random()}`
}

/** Items of the signed-in account waiting to be sent (another account's items wait for that account). */
export function pending() {
  const accountId = session.profile?.id
  return outbox.items.filter((item) => item.accountId === accountId)
}

/**
 * Sends a write. Resolves { sent: true, data } when the server took it, { queued: true } when there is no
 * network (it will go later by itself); rejects with the server's refusal (ApiError), which is not kept.
 * request: { label, method, path, body } or, with photos, { label, path, fields, files: [{ field, photo }] }.
 */
export async function submit(request) {
  const item = {
    key: newKey(),
    accountId: session.profile?.id,
    label: request.label,
    method: request.method || 'POST',
    path: request.path,
    body: request.body,
    fields: request.fields,
    files: request.files,
    createdAt: new Date().toISOString(),
    state: 'waiting',
    error: '',
    attempts: 0,
  }
  outbox.items.push(item)
  save()
  await flush()
  const left = outbox.items.find((entry) => entry.key === item.key)
  if (!left) return { sent: true, data: item.result }
  if (left.state === 'refused') {
    remove(left)
    throw left.problem
  }
  return { queued: true }
}

async function send(item) {
  const header = { 'Idempotency-Key': item.key }
  if (item.files) {
    const { body, contentType } = multipart(item.fields, item.files)
    return request(item.method, item.path, { body, header: { ...header, 'Content-Type': contentType }, timeout: 60000 })
  }
  return request(item.method, item.path, { body: item.body ?? {}, header })
}

function remove(item) {
  const index = outbox.items.indexOf(item)
  if (index >= 0) outbox.items.splice(index, 1)
  for (const file of item.files || []) discardPhoto(file.photo)
  save()
}

let draining = null

/**
 * Sends what waits, oldest first; stops at the first item without an answer (the network is still gone). A call
 * while a pass runs joins it, and the pass looks for the next item after each one, so a write submitted meanwhile
 * is sent in the same pass instead of waiting for the next retry.
 */
export function flush() {
  if (!draining) draining = drain().finally(() => (draining = null))
  return draining
}

async function drain() {
  if (!session.token) return
  outbox.flushing = true
  const tried = new Set()
  try {
    for (;;) {
      const item = pending().find((entry) => entry.state === 'waiting' && !tried.has(entry.key))
      if (!item) break
      tried.add(item.key)
      item.attempts++
      try {
        item.result = await send(item)
        outbox.lastSentAt = new Date().toISOString()
        remove(item)
      } catch (error) {
        if (error.code === 'request.already_applied') {
          // The server applied it earlier and lost the answer (e.g. it restarted): done, nothing to repeat.
          outbox.lastSentAt = new Date().toISOString()
          remove(item)
          continue
        }
        if (error.offline || error.status >= 500 || error.code === 'request.in_progress' || error.status === 429) {
          item.error = error.message
          save()
          break
        }
        // Refused: the first attempt hands the refusal back to the form; a later one is kept to be read.
        item.state = item.attempts === 1 ? 'refused' : 'failed'
        item.error = error.message
        item.problem = error
        save()
      }
    }
  } finally {
    outbox.flushing = false
  }
}

/** Drops an item the server refused, after the person has read why. */
export function discard(item) {
  remove(item)
}

let started = false
/** Called once by App.vue: retry on reconnect, on return to the app, and every 15 s while something waits. */
export function startOutbox() {
  if (started) return
  started = true
  uni.onNetworkStatusChange((status) => status.isConnected && flush())
  // #ifdef H5
  window.addEventListener('online', () => flush())
  // #endif
  setInterval(() => pending().some((item) => item.state === 'waiting') && flush(), RETRY_MS)
}

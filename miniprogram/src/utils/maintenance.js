import { reactive } from 'vue'
import { api } from '../api/http'
import { pending } from '../api/outbox'
import { t } from '../i18n'

// Shared by the 保养 tab, 电梯保养, 我的维保 and a visit's pages: how a visit is named and what it still lacks.
// The server decides; the phone repeats the same rules so that a worker in a machine room without signal still
// sees what is missing before 提交.

export const periods = { HalfMonthly: '半月', Quarterly: '季度', HalfYearly: '半年', Yearly: '年度' }
export const results = [
  { value: 'Normal', text: '正常' },
  { value: 'Fixed', text: '已修复' },
  { value: 'NotApplicable', text: '不适用' },
]

/** "半月保养" for the API's period. */
export function periodName(period) {
  return t('{0}保养', [t(periods[period] || period)])
}

export function resultName(result) {
  return t(results.find((entry) => entry.value === result)?.text || '未填写')
}

/** The worker's words for a visit's state: 待保养, 进行中, 已完成, or 超期 for an open one past its date. */
export function visitState(order) {
  if (order.state === 'Submitted' || order.state === 'Confirmed') return { key: 'done', text: t('已完成') }
  if (order.overdue) return { key: 'overdue', text: t('超期') }
  if (order.state === 'SignedIn') return { key: 'doing', text: t('进行中') }
  if (order.state === 'Pending') return { key: 'pending', text: t('待派工') }
  return { key: 'todo', text: t('待保养') }
}

/** "2026-12-01" of a Date, in the phone's calendar. */
export function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** The server's today (its clock and time zone decide what is due, not the phone's). */
export async function serverToday() {
  try {
    const about = await api.get('/about')
    return String(about.serverTime).slice(0, 10)
  } catch {
    return isoDate(new Date())
  }
}

// The visit last read, per id: the item page opens from it without another request (and without signal).
export const orders = reactive({})

export function remember(order) {
  if (order?.id) orders[order.id] = order
  return order
}

/** The visit with what this phone has queued for it laid over it (results, photos, sign-in, submit). */
export function withPending(order) {
  if (!order) return order
  const prefix = `/maintenance/orders/${order.id}/`
  const queued = pending().filter((entry) => entry.path?.startsWith(prefix) && entry.state !== 'failed')
  const photos = {}
  const answers = {}
  let signIn = false
  let submit = false
  for (const entry of queued) {
    const rest = entry.path.slice(prefix.length)
    if (rest === 'sign-in') signIn = true
    else if (rest === 'submit') submit = true
    else {
      const match = /^items\/(\d+)(\/photos)?$/.exec(rest)
      if (!match) continue
      const itemId = Number(match[1])
      if (match[2]) photos[itemId] = (photos[itemId] || []).concat(entry.files?.[0]?.photo)
      else answers[itemId] = entry.body
    }
  }
  const state = submit && order.state === 'SignedIn' ? 'Submitted' : signIn && order.state === 'Assigned' ? 'SignedIn' : order.state
  return {
    ...order,
    state,
    queuedSignIn: signIn,
    queuedSubmit: submit,
    items: order.items.map((item) => ({
      ...item,
      result: answers[item.id]?.result ?? item.result,
      note: answers[item.id] ? answers[item.id].note : item.note,
      queuedAnswer: !!answers[item.id],
      queuedPhotos: (photos[item.id] || []).filter(Boolean),
    })),
  }
}

/** The item's photos, sent or waiting. */
export const photoCount = (item) => (item.photoIds?.length || 0) + (item.queuedPhotos?.length || 0)

/** Whether an answered test/trial item still needs its photo (the server's rule for 提交). */
export const lacksPhoto = (item) => item.needsPhoto && (item.result === 'Normal' || item.result === 'Fixed') && photoCount(item) === 0

/** "半月3 曳引机" as the server names an item in its refusals. */
export const itemLabel = (item) => `${t(periods[item.period] || item.period)}${item.number} ${item.name}`

/** What 提交 would be refused for, in the server's words. */
export function missing(order) {
  const problems = []
  const unanswered = order.items.filter((item) => item.result == null)
  if (unanswered.length) problems.push(t('还有 {0} 项未填写：{1}', [unanswered.length, unanswered.map(itemLabel).join('；')]))
  const withoutPhoto = order.items.filter(lacksPhoto)
  if (withoutPhoto.length) problems.push(t('试验/测试项目需要拍照：{0}', [withoutPhoto.map(itemLabel).join('；')]))
  return problems
}

/** The items grouped by period, in the API's order. */
export function groups(items) {
  const result = []
  for (const item of items) {
    let group = result[result.length - 1]
    if (!group || group.period !== item.period) {
      group = { period: item.period, items: [] }
      result.push(group)
    }
    group.items.push(item)
  }
  return result
}

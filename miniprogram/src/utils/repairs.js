import { t } from '../i18n'

// What the 急修 pages share: the order's states as people name them, and times as a worker reads them.
const names = {
  Created: '待接警',
  Accepted: '已接警',
  SignedIn: '已签到',
  Processing: '处理中',
  Submitted: '待审核',
  Approved: '审核通过',
  Closed: '已关闭',
  Cancelled: '已取消',
}
const actions = {
  Accept: '接警',
  SignIn: '签到',
  StartProcessing: '去处理',
  Submit: '提交',
  Approve: '审核通过',
  SendBack: '退回',
  Close: '关闭',
  Cancel: '取消',
  StartRescue: '启动救援',
}

export const stateName = (state) => names[state] || state || ''
export const actionName = (action) => actions[action] || action || ''
export const isOpen = (state) => state !== 'Closed' && state !== 'Cancelled'

/** The API's UTC times come without a zone mark at times; they are UTC all the same. */
export function parseUtc(value) {
  if (!value) return null
  const text = String(value)
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : text + 'Z')
}

const pad = (n) => String(n).padStart(2, '0')

/** "12-01 09:05" in the phone's time zone. */
export function timeText(value) {
  const date = parseUtc(value)
  if (!date) return ''
  return `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

export const createdText = (value) => t('报警 {0}', [timeText(value)])

/** "3 分 05 秒", "2 小时 10 分", "1 天 3 小时" since the order was raised. */
export function elapsed(from, now = Date.now()) {
  const start = parseUtc(from)
  if (!start) return ''
  const seconds = Math.max(0, Math.floor((now - start.getTime()) / 1000))
  const minutes = Math.floor(seconds / 60)
  const hours = Math.floor(minutes / 60)
  if (hours >= 24) return t('{0} 天 {1} 小时', [Math.floor(hours / 24), hours % 24])
  if (hours >= 1) return t('{0} 小时 {1} 分', [hours, minutes % 60])
  return t('{0} 分 {1} 秒', [minutes, pad(seconds % 60)])
}

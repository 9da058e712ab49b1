import { t } from '../i18n'

// Labels and times for the archive, device and 我的 pages. The API sends enum names; the Chinese is the key of t().

const pad = (n) => String(n).padStart(2, '0')

/** "2026-12-01 08:05" in the phone's time zone. A bare "…AtUtc" value without an offset is UTC. */
export function formatTime(value, utc = false) {
  if (!value) return ''
  const text = String(value)
  const date = new Date(utc && !/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text + 'Z' : text)
  if (Number.isNaN(date.getTime())) return text
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

const names = {
  maintenanceState: { Pending: '待审核', Assigned: '已派工', SignedIn: '已签到', Submitted: '待确认', Confirmed: '已确认' },
  maintenancePeriod: { HalfMonthly: '半月保', Quarterly: '季度保', HalfYearly: '半年保', Yearly: '年度保' },
  repairState: {
    Created: '待接警', Accepted: '已接警', SignedIn: '已签到', Processing: '处理中', Submitted: '待审核', Approved: '审核通过', Closed: '已关闭', Cancelled: '已取消',
  },
  faultKind: { Fault: '故障', Event: '事件', Alarm: '报警' },
  severity: { Normal: '一般', Serious: '严重', Critical: '紧急' },
  variety: {
    TractionPassenger: '曳引驱动乘客电梯', TractionFreight: '曳引驱动载货电梯', PositiveDriveFreight: '强制驱动载货电梯', HydraulicPassenger: '液压乘客电梯',
    HydraulicFreight: '液压载货电梯', Escalator: '自动扶梯', MovingWalk: '自动人行道', ExplosionProof: '防爆电梯', Firefighter: '消防员电梯', Dumbwaiter: '杂物电梯',
  },
}

/** The name of an enum value in the reader's language, e.g. label('repairState', 'Closed') → 已关闭. */
export function label(kind, value) {
  const chinese = names[kind]?.[value]
  return chinese ? t(chinese) : value ?? ''
}

import { reactive } from 'vue'

const STORAGE_KEY = 'tlb.session'
const stored = uni.getStorageSync(STORAGE_KEY) || {}

/** The signed-in person: bearer token (kept on the phone until it expires) and the profile of GET /me. */
export const session = reactive({
  token: stored.token || '',
  expiresAt: stored.expiresAt || '',
  mustChangePassword: !!stored.mustChangePassword,
  profile: stored.profile || null,
})

export function persist() {
  uni.setStorageSync(STORAGE_KEY, {
    token: session.token,
    expiresAt: session.expiresAt,
    mustChangePassword: session.mustChangePassword,
    profile: session.profile,
  })
}

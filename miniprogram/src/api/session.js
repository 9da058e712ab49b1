import { request, setUnauthorizedHandler } from './http'
import { session, persist } from './store'

export { session }
import { setLanguage } from '../i18n'

export function isSignedIn() {
  return !!session.token && (!session.expiresAt || new Date(session.expiresAt).getTime() > Date.now())
}

export function can(permission) {
  return !!session.profile?.permissions?.includes(permission)
}

async function accept(token) {
  session.token = token.accessToken
  session.expiresAt = token.expiresAt
  session.mustChangePassword = !!token.mustChangePassword
  persist()
  // Until the password is changed the server answers nothing but POST /me/password (SYS-8), not even GET /me.
  if (session.mustChangePassword) session.profile = null
  else await refreshProfile()
}

export async function refreshProfile() {
  session.profile = await request('GET', '/me')
  setLanguage(session.profile.language)
  persist()
  return session.profile
}

/** H5 (and any browser): account and password. */
export async function signIn(userName, password) {
  await accept(await request('POST', '/auth/token', { body: { userName, password } }))
}

/** The mini-program's login code; null outside WeChat. */
export function weChatCode() {
  // #ifdef MP-WEIXIN
  return new Promise((resolve, reject) => uni.login({ provider: 'weixin', success: (r) => resolve(r.code), fail: reject }))
  // #endif
  // #ifndef MP-WEIXIN
  return Promise.resolve(null)
  // #endif
}

/** 绑定: account, password and 通道号 with a fresh WeChat code; afterwards the WeChat user signs in by itself. */
export async function bind(userName, password, channel) {
  const code = await weChatCode()
  await accept(await request('POST', '/auth/bind', { body: { userName, password, channel, code } }))
}

/** A WeChat user bound before signs in without a form; false when not bound (the bind form is shown). */
export async function signInWithWeChat() {
  const code = await weChatCode()
  if (!code) return false
  try {
    await accept(await request('POST', '/auth/wechat', { body: { code } }))
    return true
  } catch (error) {
    if (error.status === 401 || error.status === 404 || error.code?.startsWith('wechat.')) return false
    throw error
  }
}

export function signOut() {
  session.token = ''
  session.expiresAt = ''
  session.profile = null
  session.mustChangePassword = false
  persist()
  uni.reLaunch({ url: '/pages/login/index' })
}

/** Pages that need an account call this in onLoad/onShow; without a live token it goes to sign-in. */
export function requireSignIn() {
  if (!isSignedIn()) {
    uni.reLaunch({ url: '/pages/login/index' })
    return false
  }
  if (session.mustChangePassword) {
    // No way around the forced change: any page leads back to it.
    const pages = getCurrentPages()
    if (pages[pages.length - 1]?.route !== 'mine/password') {
      uni.reLaunch({ url: '/mine/password?forced=1' })
      return false
    }
  }
  return true
}

// A token the server no longer honours (expired, password changed, account disabled): sign in again.
setUnauthorizedHandler(() => {
  if (!session.token) return
  session.token = ''
  persist()
  uni.showToast({ title: '登录已失效，请重新登录', icon: 'none' })
  uni.reLaunch({ url: '/pages/login/index' })
})

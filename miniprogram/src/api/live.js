import { liveUrl } from './config'
import { session } from './store'

// The mini-program cannot run SignalR, so live data comes over the plain socket of docs/api-live.md. One socket per
// page view: the page opens it in onShow and closes it in onHide/onUnload.
const FINAL_REASONS = ['token_expired', 'session_ended', 'auth_invalid', 'replaced_by_newer_socket']

/**
 * Opens the live socket and keeps it open (reconnecting after a lost network) until close().
 * subscriptions: frames such as { type: 'subscribe', elevatorId: 12 }, sent again after every reconnect.
 * onFrame(frame) receives every server frame; onStatus('connecting' | 'live' | 'closed', reason) tells the page.
 */
export function openLive({ subscriptions = [], onFrame, onStatus = () => {} }) {
  let task = null
  let closedByUs = false
  let retry = 1000
  let timer = null

  function connect() {
    onStatus('connecting')
    const options = { url: liveUrl(), complete: () => {} }
    // #ifndef H5
    // wx.connectSocket can send the token on the upgrade; a browser cannot, so H5 sends it in the first frame.
    options.header = { Authorization: `Bearer ${session.token}` }
    // #endif
    task = uni.connectSocket(options)
    task.onOpen(() => {
      // #ifdef H5
      task.send({ data: JSON.stringify({ type: 'auth', token: session.token }) })
      // #endif
    })
    task.onMessage((message) => {
      let frame
      try {
        frame = JSON.parse(message.data)
      } catch {
        return
      }
      if (frame.type === 'ready') {
        retry = 1000
        onStatus('live')
        for (const subscription of subscriptions) task.send({ data: JSON.stringify(subscription) })
      }
      onFrame?.(frame)
    })
    task.onClose((event) => {
      task = null
      if (closedByUs) return
      const reason = event?.reason || ''
      if (FINAL_REASONS.includes(reason)) {
        onStatus('closed', reason)
        return
      }
      onStatus('connecting', reason)
      timer = setTimeout(connect, retry)
      retry = Math.min(retry * 2, 30000)
    })
    task.onError(() => {})
  }

  connect()
  return {
    close() {
      closedByUs = true
      clearTimeout(timer)
      task?.close({ code: 1000 })
    },
  }
}

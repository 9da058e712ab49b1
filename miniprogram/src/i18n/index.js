import { ref } from 'vue'
import { Formatter } from '@dcloudio/uni-i18n'
import { Locale } from 'wot-design-uni'
import wotEnglish from 'wot-design-uni/locale/lang/en-US'
import wotChinese from 'wot-design-uni/locale/lang/zh-CN'

// The Chinese text is the key, as in the staff app: Chinese needs no table, and a missing English entry shows
// the Chinese instead of a key. Each feature keeps its English in locales/<feature>.js.
const modules = import.meta.glob('../locales/*.js', { eager: true })
const english = Object.assign({}, ...Object.values(modules).map((m) => m.default))
const formatter = new Formatter()
const STORAGE_KEY = 'tlb.language'

/** 'zh-CN' or 'en', the account's language (AccountLanguages on the server). */
export const language = ref(uni.getStorageSync(STORAGE_KEY) || 'zh-CN')

/** Translates a Chinese text; values fill {0}, {1}… or {name}. */
export function t(text, values) {
  const translated = language.value === 'en' ? english[text] ?? text : text
  return values === undefined ? translated : formatter.interpolate(translated, values).join('')
}

const tabs = ['首页', '急修', '保养', '我的']

/** Follows the account's language; the tab bar is native and is told separately. */
export function setLanguage(value) {
  const next = value === 'en' ? 'en' : 'zh-CN'
  language.value = next
  uni.setStorageSync(STORAGE_KEY, next)
  if (next === 'en') Locale.use('en-US', wotEnglish)
  else Locale.use('zh-CN', wotChinese)
  applyTabTexts()
}

/** The native tab bar is not a Vue component; tab pages call this in onShow so it speaks the language. */
export function applyTabTexts() {
  tabs.forEach((text, index) => uni.setTabBarItem({ index, text: t(text), fail: () => {} }))
}

export const i18nPlugin = {
  install(app) {
    app.config.globalProperties.$t = t
    setLanguage(language.value)
  },
}

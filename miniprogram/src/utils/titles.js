import pagesJson from '../pages.json'
import { language, t } from '../i18n'

// Page titles are declared in Chinese in pages.json (the mini-program's native bar); in English each page's title
// is set when it shows.
const titles = {}
for (const page of pagesJson.pages) titles[page.path] = page.style?.navigationBarTitleText
for (const sub of pagesJson.subPackages || []) for (const page of sub.pages) titles[`${sub.root}/${page.path}`] = page.style?.navigationBarTitleText

/** Titles the page on screen in the current language (also right after the language was switched). */
export function applyPageTitle() {
  const pages = getCurrentPages()
  const title = titles[pages[pages.length - 1]?.route]
  if (title) uni.setNavigationBarTitle({ title: t(title), fail: () => {} })
}

export const titleMixin = {
  onShow() {
    if (language.value === 'en') applyPageTitle()
  },
}

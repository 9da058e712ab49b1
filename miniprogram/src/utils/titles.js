import pagesJson from '../pages.json'
import { language, t } from '../i18n'

// Page titles are declared in Chinese in pages.json (the mini-program's native bar); in English each page's title
// is set when it shows.
const titles = {}
for (const page of pagesJson.pages) titles[page.path] = page.style?.navigationBarTitleText
for (const sub of pagesJson.subPackages || []) for (const page of sub.pages) titles[`${sub.root}/${page.path}`] = page.style?.navigationBarTitleText

export const titleMixin = {
  onShow() {
    const pages = getCurrentPages()
    const route = pages[pages.length - 1]?.route
    const title = titles[route]
    if (title && language.value === 'en') uni.setNavigationBarTitle({ title: t(title) })
  },
}

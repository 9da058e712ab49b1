import { createSSRApp } from 'vue'
import App from './App.vue'
import { i18nPlugin } from './i18n'
import { titleMixin } from './utils/titles'

export function createApp() {
  const app = createSSRApp(App)
  app.use(i18nPlugin)
  app.mixin(titleMixin)
  return { app }
}

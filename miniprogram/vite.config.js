import { defineConfig, loadEnv } from 'vite'
import uni from '@dcloudio/vite-plugin-uni'
import { mpProjectConfig } from './build/mp-project-config.js'
import { offlineAssets } from './build/offline-assets.js'

// wot-design-uni still uses Sass features that sass 1.108 reports as deprecated; the warnings are not ours to fix.
const silenceDeprecations = ['legacy-js-api', 'import', 'global-builtin', 'color-functions', 'slash-div']

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_')
  return {
    plugins: [uni(), mpProjectConfig(env), offlineAssets()],
    css: { preprocessorOptions: { scss: { silenceDeprecations } } },
  }
})

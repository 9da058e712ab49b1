import fs from 'node:fs'
import path from 'node:path'

// The WeChat AppId belongs to the company that installs TiLianBang, not to us: it comes from .env.mp
// (VITE_MP_APPID) and is written into the project.config.json WeChat DevTools imports.
export function mpProjectConfig(env) {
  return {
    name: 'tilianbang-mp-project-config',
    apply: 'build',
    closeBundle() {
      if (process.env.UNI_PLATFORM !== 'mp-weixin') return
      const output = process.env.UNI_OUTPUT_DIR
      const file = output && path.join(output, 'project.config.json')
      if (!file || !fs.existsSync(file)) return
      const config = JSON.parse(fs.readFileSync(file, 'utf8'))
      config.appid = env.VITE_MP_APPID || 'touristappid'
      config.projectname = env.VITE_MP_PROJECT_NAME || config.projectname
      fs.writeFileSync(file, JSON.stringify(config, null, 2))
    },
  }
}

// TiLianBang runs on offline LANs and may not call out to anybody. Two libraries reach for the internet from their
// CSS: wot-design-uni's icon font lists at.alicdn.com before its bundled file, and uni-h5's page head preloads
// shadow pictures from cdn.dcloud.net.cn. Both are cut from the built CSS, so the bundled font is the only source
// and no picture is fetched; MiniProgramBuildTests fails if any remote address is left in a stylesheet.
const remoteFontSource = /url\(\s*["']?https?:\/\/[^)"']+["']?\s*\)\s*format\(\s*["'][^"']+["']\s*\)\s*,\s*/g
const remoteUrl = /url\(\s*["']?https?:\/\/[^)"']+["']?\s*\)/g

export function stripRemoteCss(css) {
  return css.replace(remoteFontSource, '').replace(remoteUrl, 'none')
}

export function offlineAssets() {
  return {
    name: 'tilianbang-offline-assets',
    apply: 'build',
    enforce: 'post',
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'asset' && /\.(css|wxss)$/.test(file.fileName) && typeof file.source === 'string') {
          file.source = stripRemoteCss(file.source)
        }
      }
    },
  }
}

// Photos are taken on site (camera first) and compressed on the phone before they travel: a machine room has
// one bar of signal, and a 4 MB camera picture would not get out. Long side at most 1600 px, JPEG quality 0.7.
const MAX_SIDE = 1600
const QUALITY = 0.7

/** Lets the person take or pick up to `count` photos; each is { name, data } ready for the outbox. */
export async function takePhotos(count = 1) {
  const chosen = await new Promise((resolve, reject) =>
    uni.chooseImage({
      count,
      sizeType: ['compressed'],
      sourceType: ['camera', 'album'],
      success: resolve,
      fail: (error) => (String(error?.errMsg || '').includes('cancel') ? resolve({ tempFilePaths: [] }) : reject(error)),
    }),
  )
  const photos = []
  for (let i = 0; i < chosen.tempFilePaths.length; i++) {
    photos.push(await compress(chosen.tempFilePaths[i], chosen.tempFiles?.[i]))
  }
  return photos
}

async function compress(path, file) {
  const name = `photo-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.jpg`
  // #ifdef H5
  // A data URL survives a reload in the outbox (localStorage); a blob: URL would not.
  return { name, data: await compressInBrowser(path, file) }
  // #endif
  // #ifndef H5
  const compressed = await new Promise((resolve) =>
    uni.compressImage({ src: path, quality: QUALITY * 100, compressedWidth: MAX_SIDE, success: (r) => resolve(r.tempFilePath), fail: () => resolve(path) }),
  )
  // Temporary files may be cleaned while the photo still waits in the outbox; a saved file is kept.
  const saved = uni.getFileSystemManager().saveFileSync(compressed)
  return { name, data: saved }
  // #endif
}

// #ifdef H5
function compressInBrowser(url) {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => {
      const scale = Math.min(1, MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight))
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
      canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
      canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height)
      resolve(canvas.toDataURL('image/jpeg', QUALITY))
    }
    image.onerror = () => reject(new Error('not an image'))
    image.src = url
  })
}
// #endif

/** The photo's bytes for a multipart body. */
export function photoBytes(photo) {
  // #ifdef H5
  const base64 = photo.data.slice(photo.data.indexOf(',') + 1)
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
  // #endif
  // #ifndef H5
  return new Uint8Array(uni.getFileSystemManager().readFileSync(photo.data))
  // #endif
}

/** Frees a stored photo once the server has it (mini-program only; H5 photos live in the outbox entry). */
export function discardPhoto(photo) {
  // #ifndef H5
  uni.getFileSystemManager().removeSavedFile({ filePath: photo.data, fail: () => {} })
  // #endif
}

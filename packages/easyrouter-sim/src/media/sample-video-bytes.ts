import { SAMPLE_VIDEO_BASE64 } from './sample-video.ts'

let decoded: Uint8Array | undefined

/** The sample clip's bytes, decoded once on first use (atob works in browsers and Node). */
export function sampleVideoBytes(): Uint8Array {
  if (!decoded) {
    const binary = atob(SAMPLE_VIDEO_BASE64)
    decoded = Uint8Array.from(binary, (char) => char.charCodeAt(0))
  }
  return decoded
}

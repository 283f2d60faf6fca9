// Serves stored bytes the way object storage does, including single byte ranges so that media
// elements can seek in the video.

function parseRange(header: string, size: number): { start: number; end: number } | 'invalid' {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match) return 'invalid'
  const [, from = '', to = ''] = match
  if (from === '' && to === '') return 'invalid'
  if (from === '') {
    // A suffix range: the last N bytes.
    const length = Math.min(Number(to), size)
    return length === 0 ? 'invalid' : { start: size - length, end: size - 1 }
  }
  const start = Number(from)
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1)
  return start > end || start >= size ? 'invalid' : { start, end }
}

/** A 200 (or 206 for a `Range` request) with the bytes; HEAD gets the headers only. */
export function mediaResponse(request: Request, bytes: Uint8Array, contentType: string): Response {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=300',
    // Media links are meant to be downloaded or played from any page, as real object storage
    // with a signed URL allows.
    'access-control-allow-origin': '*',
  }
  const rangeHeader = request.headers.get('range')
  let status = 200
  let body = bytes
  if (rangeHeader !== null) {
    const range = parseRange(rangeHeader, bytes.byteLength)
    if (range === 'invalid') {
      return new Response(null, {
        status: 416,
        headers: { ...headers, 'content-range': `bytes */${bytes.byteLength}` },
      })
    }
    status = 206
    body = bytes.subarray(range.start, range.end + 1)
    headers['content-range'] = `bytes ${range.start}-${range.end}/${bytes.byteLength}`
  }
  headers['content-length'] = String(body.byteLength)
  // Copy into a fresh buffer: the stored bytes must not be detached or shared with the caller.
  const payload = request.method === 'HEAD' ? null : body.slice()
  return new Response(payload, { status, headers })
}

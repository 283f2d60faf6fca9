import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

/** Too much body: the request was refused before all of it arrived. */
export const TOO_LARGE = Symbol('too large')

/**
 * Reads a request body of at most `limit` bytes. Counts as it streams, and stops (resolving
 * {@link TOO_LARGE}) at a declared `Content-Length` over the limit or at the first byte past it,
 * so a large body is never held in memory.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | typeof TOO_LARGE> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (!(declared <= limit)) return Promise.resolve(TOO_LARGE)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        stop()
        resolve(TOO_LARGE)
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      stop()
      resolve(Buffer.concat(chunks))
    }
    const onError = (error: Error) => {
      stop()
      reject(error)
    }
    const stop = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.pause()
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

/** Whether the request may still have a body on its way that nobody reads. */
function hasUnreadBody(req: IncomingMessage): boolean {
  return (
    !req.complete &&
    (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined)
  )
}

/**
 * Answers without reading (the rest of) the body. The connection closes after the answer, so
 * nothing more of an unwanted body is waited for.
 */
export function answerEarly(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: string,
): void {
  res.writeHead(status, {
    'cache-control': 'no-store',
    ...headers,
    ...(hasUnreadBody(req) ? { connection: 'close' } : {}),
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}

import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import type { LikenessHandler } from '../handler.ts'

/**
 * A Node `http` / Express / Connect request handler.
 *
 * @example
 * ```ts
 * const handle: NodeHandler = toNodeHandler(likeness)
 * app.use(handle)
 * ```
 */
export type NodeHandler = (
  request: IncomingMessage & { originalUrl?: string },
  response: ServerResponse,
  next?: (error?: unknown) => void,
) => void

/**
 * Adapts a {@link LikenessHandler} to Node's `http` module, Express and Connect. The body is
 * streamed both ways (an upload is never buffered by the adapter), and the request's signal
 * aborts when the client goes away. Under Express, mount it without stripping the path:
 * `app.use(toNodeHandler(likeness))` or `app.all('/api/likeness/*', toNodeHandler(likeness))`;
 * `req.originalUrl` is used when present, so `app.use('/api/likeness', ...)` works too.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * createServer(toNodeHandler(likeness)).listen(3000)
 * ```
 */
export function toNodeHandler(handler: LikenessHandler): NodeHandler {
  return (req, res, next) => {
    void serve(handler, req, res).catch((error: unknown) => {
      if (next) {
        next(error)
        return
      }
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('Internal error.')
      } else {
        res.destroy(error instanceof Error ? error : undefined)
      }
    })
  }
}

async function serve(
  handler: LikenessHandler,
  req: IncomingMessage & { originalUrl?: string },
  res: ServerResponse,
): Promise<void> {
  const controller = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const response = await handler(toRequest(req, controller.signal))
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies
  res.writeHead(response.status, headers)
  if (!response.body || req.method === 'HEAD') {
    res.end()
    return
  }
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
  await new Promise<void>((resolve, reject) => {
    body.once('error', reject)
    res.once('finish', resolve)
    res.once('close', () => {
      // The client went away mid-body: cancel the response body, so whatever feeds it (a file
      // being streamed, an upstream request) is let go of now rather than at garbage collection.
      if (!res.writableFinished) body.destroy()
      resolve()
    })
    body.pipe(res)
  })
}

function toRequest(req: IncomingMessage & { originalUrl?: string }, signal: AbortSignal): Request {
  const host = req.headers.host ?? 'localhost'
  const protocol = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http'
  const url = new URL(req.originalUrl ?? req.url ?? '/', `${protocol}://${host}`)
  const headers = new Headers()
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(key, item)
  }
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  })
}

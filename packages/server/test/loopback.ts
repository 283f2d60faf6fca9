import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { toNodeHandler } from '../src/node/index.ts'

/**
 * Serves a handler over Node's `http` (through `toNodeHandler`) on a free port of 127.0.0.1.
 * Resolves its origin and a `close` that also drops open connections.
 */
export async function listenOnLoopback(
  handle: (request: Request) => Promise<Response>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(toNodeHandler(handle))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          resolve()
        })
      }),
  }
}

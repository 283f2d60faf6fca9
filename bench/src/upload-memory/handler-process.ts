// The handler under measurement, alone in its own process so its memory figures are its own:
// the Likeness handler as a host would mount it (SQLite store and disk blob store in a folder,
// Node's http server through toNodeHandler, on loopback), talking to a simulator in another
// process. Started by the upload-memory measurement with --expose-gc; prints one line with its
// address when it is listening.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createLikenessHandler, type LikenessHandler } from '@likeness/server'
import { createDiskBlobStore, createSqliteStore, toNodeHandler } from '@likeness/server/node'

const simUrl = required('BENCH_SIM_URL')
const apiKey = required('BENCH_API_KEY')
const dataDir = required('BENCH_DATA_DIR')

const holder: { handler?: NodeHandlerFn } = {}
type NodeHandlerFn = ReturnType<typeof toNodeHandler>

const server = createServer((req, res) => {
  // The measurement's own control route, never part of the product: a full garbage collection
  // before memory is read, so "after" shows what is still held rather than not yet collected.
  if (req.url === '/__bench/gc' && req.method === 'POST') {
    void collectGarbage().then(() => {
      res.writeHead(204).end()
    })
    return
  }
  holder.handler?.(req, res)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const store = createSqliteStore({ path: join(dataDir, 'likeness.db') })
const handler: LikenessHandler = createLikenessHandler({
  publicUrl: origin,
  easyrouter: { apiKey, baseUrl: simUrl },
  secret: 'bench-secret-that-is-at-least-32-characters-long',
  getUserId: (request) => request.headers.get('x-bench-user'),
  store,
  blobStore: createDiskBlobStore({ directory: join(dataDir, 'uploads') }),
})
holder.handler = toNodeHandler(handler)
process.stdout.write(`handler listening at ${origin}\n`)

process.once('SIGTERM', () => {
  server.closeAllConnections()
  server.close(() => {
    void store.close().finally(() => process.exit(0))
  })
})

async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) return
  // Twice, with a turn between, so objects freed by finalizers of the first pass go too.
  gc()
  await new Promise((resolve) => setImmediate(resolve))
  gc()
}

function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

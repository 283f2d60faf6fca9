// The demo's one Node process: the app (Vite in development, the built files in production),
// the Likeness handler under /api/likeness, and, without an EasyRouter key, the EasyRouter
// simulator under /sim. A signed cookie per browser, with two personas (Ada and Ben), stands
// in for the host's own sign-in.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createSimulator, type SimulatorTimings } from '@likeness/easyrouter-sim'
import { createLikenessHandler } from '@likeness/server'
import { createDiskBlobStore, createSqliteStore, toNodeHandler } from '@likeness/server/node'
import { answerEarly, readBody, TOO_LARGE } from './body.ts'
import { exposureProblem, PASSWORD_REALM, passwordAccepted } from './exposure.ts'
import { newVisitor, PERSONAS, personaOf, visitorCookie, type VisitorCookie } from './visitor.ts'

const APP_DIR = path.join(import.meta.dirname, '..')
/** The most `POST /demo/user` reads: `{ "user": "ben" }` needs a few bytes. */
export const DEMO_USER_BODY_LIMIT = 1024
// The handler's own staged-upload links, which EasyRouter fetches without the password.
const STAGED_UPLOAD = /^\/api\/likeness\/uploads\/[^/]+$/

export interface DemoServerOptions {
  /** TCP port; 0 picks a free one. */
  port: number
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string | undefined
  /**
   * Where browsers and EasyRouter reach the demo from outside. Default: the listening address.
   * With the real EasyRouter it must be reachable from the internet: the liveness page sends
   * the browser back to it, and EasyRouter downloads uploaded portraits from it.
   */
  publicUrl?: string | undefined
  /** Serve the built app (`vite build`) with security headers, instead of Vite's dev server. */
  production?: boolean | undefined
  /** Where the SQLite database, uploads and the signing secret are kept. */
  dataDir: string
  /** Talk to the real EasyRouter with this key; without it the built-in simulator is used. */
  easyrouterApiKey?: string | undefined
  /** EasyRouter's base URL (real service only). Default: the client's. */
  easyrouterBaseUrl?: string | undefined
  /** The handler's signing secret. Default: a random one kept in `dataDir`. */
  secret?: string | undefined
  /** How fast the simulator moves. */
  simulatorTimings?: SimulatorTimings | undefined
  /** The key the simulator accepts. Default: a random one per start. */
  simulatorKey?: string | undefined
  /**
   * The fake credential the simulator puts in its liveness `raw_response`, for tests that prove
   * it reaches no page, log line or stored row. Default: a random one per start.
   */
  simulatorCanary?: string | undefined
  /**
   * Serve the simulator's control endpoints (`/sim/__sim/*`: faults, clock, reset) to requests
   * with the `x-sim-control: 1` header, which no cross-site form can send. Default: off, 404.
   */
  simulatorControls?: boolean | undefined
  /**
   * Ask every request for this password (HTTP Basic authentication, any user name), except the
   * staged-upload links EasyRouter fetches. Required with a real key when others can reach the
   * demo (see `exposureProblem`).
   */
  password?: string | undefined
  /** The built app to serve in production. Default `apps/demo/dist`. */
  distDir?: string | undefined
  /**
   * Where the handler's events and error reports go, one JSON object per line. Default: this
   * process's standard output.
   */
  log?: ((line: string) => void) | undefined
}

export interface DemoServer {
  /** Where browsers and EasyRouter reach it (`publicUrl`, or the listening address). */
  url: string
  /** Where it listens, from this machine. */
  localUrl: string
  mode: 'simulator' | 'easyrouter'
  close(): Promise<void>
}

/** Starts the demo. Resolves once it listens. */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const refused = exposureProblem({
    easyrouterApiKey: options.easyrouterApiKey,
    publicUrl: options.publicUrl,
    host: options.host,
    password: options.password,
  })
  if (refused) throw new Error(refused)
  mkdirSync(options.dataDir, { recursive: true })
  const server = createServer()
  await new Promise<void>((resolve) =>
    server.listen(options.port, options.host ?? '127.0.0.1', resolve),
  )
  const { address, family, port } = server.address() as AddressInfo
  const unspecified = address === '0.0.0.0' || address === '::'
  const localHost = unspecified ? 'localhost' : family === 'IPv6' ? `[${address}]` : address
  const localUrl = `http://${localHost}:${port}`
  const url = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '')
  const mode = options.easyrouterApiKey ? 'easyrouter' : 'simulator'

  // Without a key the simulator stands in for EasyRouter, in this process, under /sim: the
  // handler calls it directly, and browsers reach its liveness page over HTTP.
  const simulatorKey = options.simulatorKey ?? `sk-demo-${randomBytes(12).toString('hex')}`
  const controls = options.simulatorControls ?? false
  const simulator =
    mode === 'simulator'
      ? createSimulator({
          baseUrl: `${url}/sim`,
          apiKeys: [simulatorKey],
          ...(options.simulatorCanary ? { credentialCanary: options.simulatorCanary } : {}),
          control: controls,
          timings: options.simulatorTimings ?? {
            assetProcessingMs: 3000,
            videoQueuedMs: 2000,
            videoGenerationMs: 12_000,
          },
        })
      : null

  const write = options.log ?? ((line: string) => process.stdout.write(`${line}\n`))
  const log = (entry: Record<string, unknown>) => {
    const at = typeof entry.at === 'number' ? entry.at : Date.now()
    write(JSON.stringify({ ...entry, at: new Date(at).toISOString() }))
  }
  const secret = options.secret ?? secretIn(options.dataDir)
  const visitors = visitorCookie({ secret, secure: new URL(url).protocol === 'https:' })
  const store = createSqliteStore({ path: path.join(options.dataDir, 'likeness.db') })
  const handler = createLikenessHandler({
    publicUrl: url,
    easyrouter: simulator
      ? { apiKey: simulatorKey, baseUrl: `${url}/sim`, fetch: simulator.fetch }
      : {
          apiKey: options.easyrouterApiKey ?? '',
          ...(options.easyrouterBaseUrl ? { baseUrl: options.easyrouterBaseUrl } : {}),
        },
    secret,
    // Someone without a valid identity cookie is nobody (401); the page's first
    // `GET /demo/user` gives the browser one.
    getUserId: (request) => {
      const visitor = visitors.read(request.headers.get('cookie'))
      return visitor ? `${visitor.id}:${visitor.persona}` : null
    },
    store,
    blobStore: createDiskBlobStore({ directory: path.join(options.dataDir, 'uploads') }),
    // What people did, the refusals that guard the boundary, and every server error, each with
    // the request id its response carried, so a person's "it failed" can be found in the log.
    onEvent: (event) => {
      log({ level: 'info', ...event })
    },
    onError: (report) => {
      log({ level: 'error', ...report, error: describeError(report.error) })
    },
  })
  const likeness = toNodeHandler(handler)
  const sim = simulator ? toNodeHandler(simulator.handle) : null

  const app = options.production
    ? staticApp(mode, options.distDir ?? path.join(APP_DIR, 'dist'))
    : await viteApp(server)
  const { password } = options

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://demo').pathname
    const staged = STAGED_UPLOAD.test(pathname) && (req.method === 'GET' || req.method === 'HEAD')
    if (password && !staged && !passwordAccepted(req.headers.authorization, password)) {
      answerEarly(
        req,
        res,
        401,
        {
          'www-authenticate': `Basic realm="${PASSWORD_REALM}", charset="UTF-8"`,
          'content-type': 'text/plain; charset=utf-8',
        },
        'This demo asks for its password (DEMO_PASSWORD). Any user name will do.\n',
      )
    } else if (pathname.startsWith('/api/likeness/') || pathname === '/api/likeness') {
      likeness(req, res)
    } else if (pathname === '/sim/__sim' || pathname.startsWith('/sim/__sim/')) {
      // The controls move the clock, inject faults and wipe state: only when turned on, and only
      // for callers that can send a header (scripts and tests), never for a cross-site form.
      if (!sim || !controls) {
        answerEarly(req, res, 404, { 'content-type': 'text/plain' }, 'Not found.\n')
      } else if (req.headers['x-sim-control'] !== '1') {
        answerEarly(
          req,
          res,
          403,
          { 'content-type': 'text/plain' },
          'The simulator controls need the x-sim-control: 1 header.\n',
        )
      } else {
        sim(req, res)
      }
    } else if (sim && pathname.startsWith('/sim/')) {
      sim(req, res)
    } else if (pathname === '/demo/user') {
      void demoUser(req, res, visitors).catch(() => {
        if (!res.headersSent) answerEarly(req, res, 500, { 'content-type': 'text/plain' }, '')
      })
    } else {
      app(req, res)
    }
  })

  return {
    url,
    localUrl,
    mode,
    close: async () => {
      await app.close?.()
      server.closeAllConnections()
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve()
        }),
      )
      await store.close()
    },
  }
}

const json = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(JSON.stringify(body))
}

// The demo's whole "sign-in". GET tells the page who it is, and gives a browser without a valid
// identity a new one (as Ada); POST { user } switches persona, keeping the visitor.
async function demoUser(
  req: IncomingMessage,
  res: ServerResponse,
  visitors: VisitorCookie,
): Promise<void> {
  const known = visitors.read(req.headers.cookie)
  if (req.method === 'GET' || req.method === 'HEAD') {
    const visitor = known ?? newVisitor()
    const cookie = known ? {} : { 'set-cookie': visitors.serialize(visitor) }
    json(res, 200, { user: visitor.persona, users: PERSONAS }, cookie)
    return
  }
  if (req.method !== 'POST') {
    answerEarly(req, res, 405, { allow: 'GET, HEAD, POST' }, '')
    return
  }
  if (req.headers['x-likeness-request'] !== '1') {
    answerEarly(
      req,
      res,
      403,
      { 'content-type': 'application/json' },
      '{"error":"x-likeness-request: 1 is required"}',
    )
    return
  }
  const body = await readBody(req, DEMO_USER_BODY_LIMIT)
  if (body === TOO_LARGE) {
    answerEarly(
      req,
      res,
      413,
      { 'content-type': 'application/json' },
      JSON.stringify({ error: `The body may have at most ${DEMO_USER_BODY_LIMIT} bytes.` }),
    )
    return
  }
  let wanted: unknown
  try {
    wanted = (JSON.parse(body.toString('utf8') || '{}') as { user?: unknown } | null)?.user
  } catch {
    // Not JSON: refused below like any unknown user, instead of failing the request.
  }
  const persona = personaOf(wanted)
  if (!persona) {
    json(res, 400, { error: `user must be one of ${PERSONAS.join(', ')}` })
    return
  }
  const visitor = { id: (known ?? newVisitor()).id, persona }
  json(res, 200, { user: persona, users: PERSONAS }, { 'set-cookie': visitors.serialize(visitor) })
}

// An error and its causes as one line of text: enough to find the fault, nothing of the request.
function describeError(error: unknown): string {
  const parts: string[] = []
  for (let at: unknown = error; at !== undefined && parts.length < 5;) {
    parts.push(at instanceof Error ? `${at.name}: ${at.message}` : JSON.stringify(at))
    at = at instanceof Error ? at.cause : undefined
  }
  return parts.join(' <- ')
}

// A secret that survives restarts, so a liveness callback still verifies after one.
function secretIn(dataDir: string): string {
  const file = path.join(dataDir, 'secret')
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  return readFileSync(file, 'utf8').trim()
}

type AppHandler = ((req: IncomingMessage, res: ServerResponse) => void) & {
  close?: () => Promise<void>
}

async function viteApp(server: Server): Promise<AppHandler> {
  const { createServer: createVite } = await import('vite')
  const vite = await createVite({
    configFile: path.join(APP_DIR, 'vite.config.ts'),
    server: { middlewareMode: true, hmr: { server } },
    appType: 'spa',
  })
  const handle: AppHandler = (req, res) => {
    vite.middlewares(req, res)
  }
  handle.close = () => vite.close()
  return handle
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

/**
 * The security headers of every page and file of the built app. No inline script, no eval:
 * the bundle is plain module files. Media comes from this origin (the simulator, staged
 * uploads) or, with the real service, from EasyRouter's storage over https.
 */
export function securityHeaders(mode: 'simulator' | 'easyrouter'): Record<string, string> {
  const media = mode === 'simulator' ? "'self' blob: data:" : "'self' blob: data: https:"
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      `img-src ${media}`,
      `media-src ${media}`,
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin-allow-popups',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  }
}

function staticApp(mode: 'simulator' | 'easyrouter', root: string): AppHandler {
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(`No built app in ${root}: run \`pnpm --filter demo build\` first.`)
  }
  const headers = securityHeaders(mode)
  return (req, res) => {
    // Files are only read, so a body sent here is never read either.
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answerEarly(req, res, 405, { ...headers, allow: 'GET, HEAD' }, '')
      return
    }
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://demo').pathname)
      let file = path.join(root, path.normalize(pathname))
      if (!file.startsWith(root)) file = path.join(root, 'index.html')
      const found = await stat(file).catch(() => null)
      // Anything that is not a file is the single-page app.
      if (!found?.isFile()) file = path.join(root, 'index.html')
      const body = await readFile(file)
      res.writeHead(200, {
        ...headers,
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': file.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      })
      res.end(req.method === 'HEAD' ? undefined : body)
    })().catch(() => {
      res.writeHead(500, { 'content-type': 'text/plain' })
      res.end('Internal error.')
    })
  }
}

import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test as base, type Page, type TestInfo } from '@playwright/test'

const APP_DIR = path.join(import.meta.dirname, '..')

/** Simulator timings: quick enough for tests, slow enough to watch each state go by. */
export interface SimulatorTimings {
  assetProcessingMs?: number
  videoQueuedMs?: number
  videoGenerationMs?: number
}

export const FAST_TIMINGS: SimulatorTimings = {
  assetProcessingMs: 1500,
  videoQueuedMs: 1000,
  videoGenerationMs: 5000,
}

/**
 * The header every request to the simulator's controls (`/sim/__sim/*`) needs: no page on
 * another site can send it. The e2e servers turn the controls on; a plain start does not.
 */
export const SIM_CONTROL = { 'x-sim-control': '1' } as const

/** A fault rule of the simulator's (see packages/easyrouter-sim/README.md). */
export interface FaultRule {
  method?: string
  path?: string
  status?: number
  retryAfterSeconds?: number
  latencyMs?: number
  times?: number
  message?: string
}

/** A demo server of one test's own, cold-started on an empty data folder. */
export interface Demo {
  url: string
  /** The key the simulator accepts; no page, script or response may carry it. */
  simulatorKey: string
  /**
   * The fake credential in the simulator's liveness `raw_response`; nothing outside the
   * handler may carry it (no response, page, log line or stored row).
   */
  canary: string
  /** The server's data folder (its SQLite file, uploads, secret). */
  dataDir: string
  /** What the server has printed so far (its log). */
  output(): string
  /** Adds a fault rule in front of the simulator's API; returns its id. */
  addFault(rule: FaultRule): Promise<string>
  /** The fault rules still in force (a rule is gone once it has used up its `times`). */
  faults(): Promise<(FaultRule & { id: string; remaining?: number })[]>
}

interface Options {
  simulatorTimings: SimulatorTimings
}

interface Fixtures {
  demo: Demo
}

export const test = base.extend<Fixtures & Options>({
  simulatorTimings: [FAST_TIMINGS, { option: true }],

  demo: async ({ simulatorTimings }, use, testInfo) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'likeness-e2e-'))
    const simulatorKey = `sk-e2e-${randomBytes(16).toString('hex')}`
    const canary = `sim-canary-e2e-${randomBytes(12).toString('hex')}`
    const server = await startServer(dataDir, simulatorKey, canary, simulatorTimings)
    const control = (route: string) => `${server.url}/sim/__sim/${route}`
    try {
      await use({
        url: server.url,
        simulatorKey,
        canary,
        dataDir,
        output: () => server.output.join(''),
        addFault: async (rule) => {
          const response = await fetch(control('faults'), {
            method: 'POST',
            headers: { ...SIM_CONTROL, 'content-type': 'application/json' },
            body: JSON.stringify(rule),
          })
          if (response.status !== 201)
            throw new Error(`fault rule refused: ${await response.text()}`)
          return ((await response.json()) as { id: string }).id
        },
        faults: async () => {
          const response = await fetch(control('faults'), { headers: SIM_CONTROL })
          return ((await response.json()) as { faults: (FaultRule & { id: string })[] }).faults
        },
      })
    } finally {
      await server.stop()
      await attachLog(testInfo, server.output.join(''))
      await rm(dataDir, { recursive: true, force: true })
    }
  },

  baseURL: async ({ demo }, use) => {
    await use(demo.url)
  },

  // Fails the test on a Content-Security-Policy violation or an uncaught error in any page of
  // the context (the app, the liveness page, a popup), after the journey itself has run.
  context: async ({ context }, use, testInfo) => {
    const messages: string[] = []
    const browserProblems: string[] = []
    const watch = (page: Page) => {
      page.on('console', (message) => {
        const line = `[${message.type()}] ${page.url()}: ${message.text()}`
        messages.push(line)
        if (/Content Security Policy|Refused to/i.test(message.text())) browserProblems.push(line)
      })
      page.on('pageerror', (error) => {
        browserProblems.push(`[pageerror] ${page.url()}: ${error.stack ?? error.message}`)
      })
    }
    context.pages().forEach(watch)
    context.on('page', watch)
    await use(context)
    if (messages.length > 0) {
      await testInfo.attach('browser-console.txt', { body: messages.join('\n') })
    }
    if (browserProblems.length > 0) {
      throw new Error(`The browser reported problems:\n${browserProblems.join('\n')}`)
    }
  },
})

export { expect } from '@playwright/test'

/** Saves a screenshot beside the test's other output, named for the step it shows. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true })
}

interface RunningServer {
  url: string
  output: string[]
  stop(): Promise<void>
}

async function startServer(
  dataDir: string,
  simulatorKey: string,
  canary: string,
  timings: SimulatorTimings,
): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LIKENESS_DATA_DIR: dataDir,
    LIKENESS_SIMULATOR_KEY: simulatorKey,
    LIKENESS_SIMULATOR_CANARY: canary,
    LIKENESS_SIMULATOR_TIMINGS: JSON.stringify(timings),
    LIKENESS_SIMULATOR_CONTROLS: '1',
  }
  // Always the simulator, whatever the developer's shell holds.
  delete env['EASYROUTER_API_KEY']
  delete env['PUBLIC_URL']
  delete env['LIKENESS_SECRET']
  delete env['DEMO_PASSWORD']
  const child = spawn(
    process.execPath,
    ['--conditions=@likeness/source', 'server/main.ts', '--production'],
    { cwd: APP_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const output: string[] = []
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve()
    })
  })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`The demo server did not start in 20 s:\n${output.join('')}`))
    }, 20_000)
    const read = (data: Buffer) => {
      output.push(data.toString())
      const found = /Open (http:\/\/\S+)/.exec(output.join(''))?.[1]
      if (found) {
        clearTimeout(timer)
        resolve(found)
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The demo server exited (${String(code)}):\n${output.join('')}`))
    })
  })
  return { url, output, stop: () => stop(child, exited) }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

async function attachLog(testInfo: TestInfo, log: string): Promise<void> {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('demo-server.log', { body: log })
  }
}

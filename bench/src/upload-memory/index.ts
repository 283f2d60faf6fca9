// How much memory the handler's process needs for uploads: a verified person (or several)
// sends many 30 MiB files at once, EasyRouter (the simulator, in its own process) downloads
// each accepted one back, and the handler's resident memory is read before, at the peak and
// after a garbage collection. The peer figure is the bytes in flight: a handler that buffers
// uploads grows by a multiple of them, one that streams by a small fraction.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Measurement } from '../lib/measurement.ts'
import { startNode, type StartedProcess } from '../lib/processes.ts'
import { residentMemory, resetPeak, sampleResident } from '../lib/proc-status.ts'
import type { Figure } from '../lib/table.ts'

const MiB = 1024 * 1024
const UPLOAD_BYTES = 30 * MiB
const RUNS = 3
const API_KEY = 'sk-bench-0123456789abcdef'
// Bounds, so a broken build cannot hang the bench: per request, and for settling.
const REQUEST_TIMEOUT_MS = 120_000
const SETTLE_TIMEOUT_MS = 120_000

interface Scenario {
  name: string
  /** Who sends each upload; all start at once. */
  uploads: string[]
}

const SCENARIOS: Scenario[] = [
  { name: 'one person, 16 x 30 MiB at once', uploads: Array<string>(16).fill('alice') },
  {
    name: 'four people, 4 x 30 MiB each at once',
    uploads: ['p1', 'p2', 'p3', 'p4'].flatMap((user) => Array<string>(4).fill(user)),
  },
]

interface RunResult {
  before: number
  peak: number
  after: number
  accepted: number
  refused429: number
  refused503: number
  other: number
  uploadedMiB: number
  inFlightMiB: number
}

export const uploadMemory: Measurement = {
  name: 'upload-memory',
  description: `handler RSS while uploads of ${UPLOAD_BYTES / MiB} MiB stream in and back out to EasyRouter (separate processes, loopback)`,
  async run(log) {
    const figures: Figure[] = []
    for (const scenario of SCENARIOS) {
      const runs: RunResult[] = []
      for (let run = 1; run <= RUNS; run += 1) {
        log(`upload-memory: ${scenario.name}, run ${run} of ${RUNS}`)
        runs.push(await runOnce(scenario))
      }
      const figure = (name: string, pick: (r: RunResult) => number, decimals = 0): Figure => ({
        measurement: 'upload-memory',
        case: scenario.name,
        figure: name,
        values: runs.map(pick),
        decimals,
      })
      figures.push(
        figure('RSS before (MiB)', (r) => r.before),
        figure('RSS peak (MiB)', (r) => r.peak),
        figure('RSS after, GC (MiB)', (r) => r.after),
        figure('peak growth (MiB)', (r) => r.peak - r.before),
        figure('uploads accepted', (r) => r.accepted),
        figure('refused 429 (per person)', (r) => r.refused429),
        figure('refused 503 (process full)', (r) => r.refused503),
        figure('other answers', (r) => r.other),
        figure('bytes uploaded (MiB)', (r) => r.uploadedMiB),
        figure('bytes in flight, peer (MiB)', (r) => r.inFlightMiB),
        figure('peak growth / in flight', (r) => (r.peak - r.before) / r.inFlightMiB, 2),
      )
    }
    return figures
  },
}

async function runOnce(scenario: Scenario): Promise<RunResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'likeness-bench-'))
  const started: StartedProcess[] = []
  try {
    const sim = await startNode(simulatorCli(), {
      nodeArgs: ['--conditions=@likeness/source'],
      args: ['--port', '0', '--asset-processing-ms', '0'],
      env: { EASYROUTER_SIM_API_KEYS: API_KEY },
      ready: /listening at (http:\/\/\S+)/,
    })
    started.push(sim)
    const app = await startNode(fileURLToPath(new URL('handler-process.ts', import.meta.url)), {
      nodeArgs: ['--expose-gc', '--conditions=@likeness/source'],
      env: { BENCH_SIM_URL: sim.ready[1] ?? '', BENCH_API_KEY: API_KEY, BENCH_DATA_DIR: dataDir },
      ready: /listening at (http:\/\/\S+)/,
    })
    started.push(app)
    const origin = app.ready[1] ?? ''
    const api = `${origin}/api/likeness`

    for (const user of new Set(scenario.uploads)) await verify(api, user)
    await collectGarbage(origin)
    const before = (await residentMemory(app.pid)).rss
    const peakReset = await resetPeak(app.pid)
    const sampler = sampleResident(app.pid)

    const body = pngLike(UPLOAD_BYTES)
    const uploads = await Promise.all(scenario.uploads.map((user) => upload(api, user, body)))
    const accepted = uploads.filter((u) => u.status === 201)
    await settle(api, accepted)

    const sampled = sampler.stop()
    const { peak: hwm } = await residentMemory(app.pid)
    const peak = peakReset ? Math.max(hwm, sampled) : sampled
    await collectGarbage(origin)
    const after = (await residentMemory(app.pid)).rss

    return {
      before,
      peak,
      after,
      accepted: accepted.length,
      refused429: uploads.filter((u) => u.status === 429).length,
      refused503: uploads.filter((u) => u.status === 503).length,
      other: uploads.filter((u) => ![201, 429, 503].includes(u.status)).length,
      uploadedMiB: (accepted.length * UPLOAD_BYTES) / MiB,
      inFlightMiB: (mostAtOnce(accepted) * UPLOAD_BYTES) / MiB,
    }
  } finally {
    for (const child of started.reverse()) await child.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

function simulatorCli(): string {
  const manifest = fileURLToPath(import.meta.resolve('@likeness/easyrouter-sim/package.json'))
  return join(dirname(manifest), 'src', 'cli.ts')
}

const headers = (user: string, extra: Record<string, string> = {}) => ({
  'x-bench-user': user,
  'x-likeness-request': '1',
  ...extra,
})

/** Starts a verification and passes the simulator's liveness page, as the person's browser. */
async function verify(api: string, user: string): Promise<void> {
  const start = await fetch(`${api}/verification`, {
    method: 'POST',
    headers: headers(user, { 'content-type': 'application/json' }),
    body: '{}',
  })
  if (start.status !== 201) throw new Error(`starting a verification answered ${start.status}`)
  const { url } = (await start.json()) as { url: string }
  const cookie = start.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ')
  const page = new URL(url)
  page.searchParams.set('outcome', 'pass')
  const passed = await fetch(page, { redirect: 'manual' })
  const callback = passed.headers.get('location')
  if (passed.status !== 302 || !callback) throw new Error(`liveness page answered ${passed.status}`)
  const back = await fetch(callback, { redirect: 'manual', headers: cookie ? { cookie } : {} })
  if (back.status !== 303) throw new Error(`the callback answered ${back.status}`)
}

interface UploadResult {
  user: string
  status: number
  id?: string
  startedAt: number
  endedAt: number
}

async function upload(
  api: string,
  user: string,
  body: Uint8Array<ArrayBuffer>,
): Promise<UploadResult> {
  const startedAt = performance.now()
  const response = await fetch(`${api}/assets?name=bench.png&type=image`, {
    method: 'POST',
    headers: headers(user, { 'content-type': 'application/octet-stream' }),
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const answer = (await response.json()) as { id?: string }
  return {
    user,
    status: response.status,
    ...(answer.id ? { id: answer.id } : {}),
    startedAt,
    endedAt: performance.now(),
  }
}

/** Waits until EasyRouter has downloaded and processed every accepted upload. */
async function settle(api: string, accepted: UploadResult[]): Promise<void> {
  const deadline = performance.now() + SETTLE_TIMEOUT_MS
  for (const { id, user } of accepted) {
    for (;;) {
      const response = await fetch(`${api}/assets/${id ?? ''}`, { headers: headers(user) })
      const asset = (await response.json()) as { status?: string }
      if (response.status === 404 || asset.status !== 'processing') break
      if (performance.now() > deadline) throw new Error('uploads did not settle in time')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

/** The largest number of uploads that were in flight at the same moment. */
function mostAtOnce(uploads: UploadResult[]): number {
  const events = uploads.flatMap((u) => [
    { at: u.startedAt, change: 1 },
    { at: u.endedAt, change: -1 },
  ])
  events.sort((a, b) => a.at - b.at || a.change - b.change)
  let now = 0
  let most = 0
  for (const { change } of events) {
    now += change
    most = Math.max(most, now)
  }
  return most
}

async function collectGarbage(origin: string): Promise<void> {
  const response = await fetch(`${origin}/__bench/gc`, { method: 'POST' })
  if (response.status !== 204) throw new Error(`the gc route answered ${response.status}`)
}

/** `size` bytes that start like a PNG, which is all the handler and the simulator look at. */
function pngLike(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  return bytes
}

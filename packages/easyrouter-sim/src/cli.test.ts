import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url))

// These tests wait for what the process does (a line printed, an answer, its exit), never for
// an amount of time. Starting Node on the TypeScript sources can take seconds on a busy
// machine, so the time limit is generous: it only keeps a hung process from holding the run.
const PATIENT = { timeout: 120_000 }

interface Run {
  child: ChildProcess
  /** Everything the process wrote to stdout so far. */
  stdout(): string
  /** Everything the process wrote to stderr so far, to explain a failure. */
  stderr(): string
  /** Exit code and signal, once the process has exited and its output is all read. */
  closed: Promise<[number | null, NodeJS.Signals | null]>
}

const running: ChildProcess[] = []

afterEach(() => {
  // A test that failed halfway leaves no server behind.
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
})

function run(args: string[], options: { readStdout?: boolean } = {}): Run {
  // The same command line as `pnpm sim`: Node runs the TypeScript sources directly.
  const child = spawn(process.execPath, ['--conditions=@likeness/source', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.push(child)
  let stdout = ''
  let stderr = ''
  if (options.readStdout !== false) {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  }
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    // `close`, not `exit`: after `exit` the output may still be on its way.
    closed: once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>,
  }
}

describe('the CLI', PATIENT, () => {
  it('prints one listening line, serves, and exits cleanly on SIGTERM', async () => {
    const sim = run(['--port', '0', '--api-key', 'sk-secret-key'], { readStdout: false })
    const lines = createInterface({ input: sim.child.stdout! })[Symbol.asyncIterator]()
    const first = (await lines.next()).value
    const match = /^EasyRouter simulator listening at (http:\/\/127\.0\.0\.1:\d+)$/.exec(
      first ?? '',
    )
    expect(match, `first line ${JSON.stringify(first)}, stderr: ${sim.stderr()}`).not.toBeNull()
    const hint = (await lines.next()).value as string
    expect(hint).toContain('/__sim/health')
    expect(hint).toContain('x-sim-control: 1')
    expect(hint).not.toContain('sk-secret-key')

    const url = match![1]!
    const health = await fetch(`${url}/__sim/health`, { headers: { 'x-sim-control': '1' } })
    expect(health.status).toBe(200)
    expect((await fetch(`${url}/__sim/health`)).status).toBe(403)
    const refused = await fetch(`${url}/v1/video/generations/task_x`, {
      headers: { authorization: 'Bearer sk-other' },
    })
    expect(refused.status).toBe(401)

    sim.child.kill('SIGTERM')
    // Exit code 0 (not death by the signal) shows the CLI closed the server and left on its own.
    expect(await sim.closed).toEqual([0, null])
  })

  it('prints usage for --help and fails on a bad option', async () => {
    const help = run(['--help'])
    const bad = run(['--port', 'nope'])

    expect((await help.closed)[0]).toBe(0)
    expect(help.stdout()).toContain('Usage: easyrouter-sim')

    expect((await bad.closed)[0]).toBe(2)
    expect(bad.stderr()).toContain('--port')
  })
})

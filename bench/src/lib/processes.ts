import { spawn, type ChildProcess } from 'node:child_process'

/** A Node process started by a measurement, ready once it printed the line it was waiting for. */
export interface StartedProcess {
  pid: number
  /** What matched `ready` in its output. */
  ready: RegExpExecArray
  /** Its standard error so far, for a failure message. */
  stderr: () => string
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop: (graceMs?: number) => Promise<void>
}

/**
 * Starts `node <nodeArgs> <script> <args>` and waits (at most `timeoutMs`) until a line of its
 * standard output matches `ready`.
 */
export async function startNode(
  script: string,
  {
    args = [],
    nodeArgs = [],
    env = {},
    ready,
    timeoutMs = 30_000,
  }: {
    args?: string[]
    nodeArgs?: string[]
    env?: Record<string, string>
    ready: RegExp
    timeoutMs?: number
  },
): Promise<StartedProcess> {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${script} was not ready after ${timeoutMs} ms:\n${stderr}`))
    }, timeoutMs)
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const found = ready.exec(stdout)
      if (found) {
        clearTimeout(timer)
        resolve(found)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited (${code}) before it was ready:\n${stderr}`))
    })
  })
  const pid = child.pid
  if (pid === undefined) throw new Error(`${script} has no pid`)
  return { pid, ready: match, stderr: () => stderr, stop: (graceMs) => stop(child, graceMs) }
}

async function stop(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve()
    })
  })
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

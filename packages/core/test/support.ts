/**
 * What the controller tests share: the real HTTP adapter wired to the test harness (handler
 * and simulator in this process), a log of the requests it sends, and a way to await a
 * store's snapshot. The React tests use the same adapter.
 */
import { BASE, type Harness } from '../../server/test/harness.ts'
import {
  createHttpAdapter,
  type HostAdapter,
  type JobIdStorage,
  type PollingSchedule,
} from '../src/index.ts'

/** Polls every 20 ms of real time, so tests do not wait on real seconds. */
export const FAST_POLLING: PollingSchedule = { initialMs: 20, factor: 1, maxMs: 20, jitter: 0 }

/** Something with a snapshot that tells when it changes: a controller, a queue, the log. */
export interface Store<T> {
  subscribe(listener: () => void): () => void
  getSnapshot(): T
}

/** Resolves once the store's snapshot passes `check`. */
export function until<T>(store: Store<T>, check: (snapshot: T) => boolean) {
  return new Promise<void>((resolve) => {
    const stop = store.subscribe(() => {
      if (check(store.getSnapshot())) {
        stop()
        resolve()
      }
    })
    if (check(store.getSnapshot())) {
      stop()
      resolve()
    }
  })
}

/** Every request the adapter sent, as `METHOD /path?query` below the base path; a store. */
export function requestLog() {
  const lines: string[] = []
  const listeners = new Set<() => void>()
  return {
    lines,
    push(line: string) {
      lines.push(line)
      for (const listener of [...listeners]) listener()
    },
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => lines,
  }
}

/** A job-id storage in memory, standing in for sessionStorage across "reloads". */
export function memoryStorage(): JobIdStorage & { values: Map<string, string> } {
  const values = new Map<string, string>()
  return {
    values,
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      if (value === null) values.delete(key)
      else values.set(key, value)
    },
  }
}

export interface HarnessAdapterOptions {
  /** Who is signed in (default: alice). */
  user?: string
  /** Where each request is noted, as `METHOD /path?query` below the base path, when sent. */
  log?: { push(line: string): unknown }
  /** What answers a request (default: the harness's handler); a test may hold it back first. */
  send?: (request: Request) => Promise<Response>
}

/** The real HTTP adapter of a signed-in browser, its requests answered in this process. */
export function harnessAdapter(
  h: Harness,
  { user = 'alice', log, send = h.handle }: HarnessAdapterOptions = {},
): HostAdapter {
  return createHttpAdapter({
    baseUrl: BASE,
    fetch: (input, init) => {
      const request = new Request(input, init)
      log?.push(`${request.method} ${request.url.slice(BASE.length)}`)
      return send(request)
    },
    headers: { 'x-test-user': user },
    createXhr: false,
  })
}

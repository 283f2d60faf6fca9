import { createHttpAdapter, type PollingSchedule } from '@likeness/core'
import { QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { BASE, harness, type Harness } from '../../server/test/harness.ts'

export { harness }
import { LikenessProvider, type JobIdStorage } from '../src/index.ts'

export { activeAsset, liveness, PNG, verify } from '../../server/test/harness.ts'
export type { Harness }

/** Polls every 20 ms, so tests do not wait on real seconds. */
export const FAST_POLLING: PollingSchedule = { initialMs: 20, factor: 1, maxMs: 20, jitter: 0 }

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

/**
 * The hooks' real stack in one process: the HTTP adapter, the real handler, and the EasyRouter
 * simulator, for one signed-in user. `wrapper` renders a fresh provider and query cache, as a
 * page load does; call `page()` again to "reload".
 */
export function setup(user = 'alice', h: Harness = harness({}, Date.now())) {
  const storage = memoryStorage()
  /** Every request the adapter sent, as `METHOD /path?query` below the base path. */
  const requests: string[] = []
  const adapter = createHttpAdapter({
    baseUrl: BASE,
    fetch: (input, init) => {
      const request = new Request(input, init)
      const url = new URL(request.url)
      requests.push(
        `${request.method} ${url.pathname.slice(new URL(BASE).pathname.length)}${url.search}`,
      )
      return h.handle(request)
    },
    headers: { 'x-test-user': user },
    createXhr: false,
  })
  const page = () => {
    const queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
    })
    const wrapper = ({ children }: { children: ReactNode }) => (
      <LikenessProvider
        adapter={adapter}
        queryClient={queryClient}
        storage={storage}
        polling={FAST_POLLING}
      >
        {children}
      </LikenessProvider>
    )
    return { queryClient, wrapper }
  }
  return { h, adapter, storage, requests, page, ...page() }
}

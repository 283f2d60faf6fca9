import type { HostAdapter, PollingSchedule } from '@likeness/core'
import { QueryClient } from '@tanstack/react-query'
import { StrictMode, type ReactNode } from 'react'
import { FAST_POLLING, harnessAdapter, memoryStorage } from '../../core/test/support.ts'
import { harness, type Harness } from '../../server/test/harness.ts'
import { LikenessProvider } from '../src/index.ts'

export { FAST_POLLING, harness, harnessAdapter }
export { activeAsset, liveness, PNG, verify } from '../../server/test/harness.ts'
export type { Harness }

/** What a page load may change: by default the test's adapter, fast polling, no retries. */
export interface PageOptions {
  adapter?: HostAdapter
  polling?: PollingSchedule
  queryClient?: QueryClient
  /** Renders the page under StrictMode. */
  strict?: boolean
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
  const adapter = harnessAdapter(h, { user, log: requests })
  const page = ({
    adapter: over = adapter,
    polling = FAST_POLLING,
    queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
    }),
    strict = false,
  }: PageOptions = {}) => {
    const wrapper = ({ children }: { children: ReactNode }) => {
      const tree = (
        <LikenessProvider
          adapter={over}
          queryClient={queryClient}
          storage={storage}
          polling={polling}
        >
          {children}
        </LikenessProvider>
      )
      return strict ? <StrictMode>{tree}</StrictMode> : tree
    }
    return { queryClient, wrapper }
  }
  return { h, adapter, storage, requests, page, ...page() }
}

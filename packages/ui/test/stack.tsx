/**
 * A provider over the in-page stack for one user, with a fresh query cache and in-memory job
 * storage, as a page load has. Stories and component tests render inside it.
 */
import type { HostAdapter } from '@likeness/core'
import { LikenessProvider, type JobIdStorage } from '@likeness/react'
import { QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { createInPageBackend, FAST_POLLING, type InPageBackend } from './backend.ts'

export function memoryStorage(): JobIdStorage {
  const values = new Map<string, string>()
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      if (value === null) values.delete(key)
      else values.set(key, value)
    },
  }
}

export interface Stack {
  backend: InPageBackend
  user: string
  adapter: HostAdapter
  queryClient: QueryClient
  storage: JobIdStorage
  /** Renders children inside the provider of this stack. */
  Provider: (props: { children?: ReactNode }) => ReactNode
}

/** One user's page over a backend (a fresh one unless given). */
export function createStack(
  options: {
    backend?: InPageBackend
    user?: string
    decorate?: (adapter: HostAdapter) => HostAdapter
  } = {},
): Stack {
  const backend = options.backend ?? createInPageBackend()
  const user = options.user ?? 'ada'
  const adapter = backend.adapterFor(user, options.decorate)
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  const storage = memoryStorage()
  const Provider = ({ children }: { children?: ReactNode }) => (
    <LikenessProvider
      adapter={adapter}
      queryClient={queryClient}
      storage={storage}
      polling={FAST_POLLING}
    >
      {children}
    </LikenessProvider>
  )
  return { backend, user, adapter, queryClient, storage, Provider }
}

import {
  createHttpAdapter,
  DEFAULT_POLLING_SCHEDULE,
  toLikenessError,
  type LikenessError,
  type HostAdapter,
  type PollingSchedule,
} from '@likeness/core'
import {
  QueryClient,
  QueryClientContext,
  QueryClientProvider,
  useQuery,
} from '@tanstack/react-query'
import { createContext, createElement, useContext, useMemo, useState, type ReactNode } from 'react'
import { likenessKeys, type LikenessKeys } from './query-keys.ts'

/** Where a video job id is kept so a reload can re-attach to it. */
export interface JobIdStorage {
  get(key: string): string | null
  set(key: string, value: string | null): void
}

interface LikenessContextValue {
  adapter: HostAdapter
  keys: LikenessKeys
  storage: JobIdStorage
  polling: PollingSchedule
}

const LikenessContext = createContext<LikenessContextValue | null>(null)

/**
 * Props of {@link LikenessProvider}: an `adapter`, or the `baseUrl` of `@likeness/server` for
 * the built-in HTTP adapter.
 */
export type LikenessProviderProps = {
  children?: ReactNode
  /**
   * A TanStack `QueryClient`. Default: the one of an enclosing `QueryClientProvider`, else a
   * new one owned by this provider.
   */
  queryClient?: QueryClient | undefined
  /** Separates cached data, e.g. per signed-in user; part of every query key. */
  scope?: string | undefined
  /** Where job ids survive reloads. Default: `sessionStorage` (nothing on the server). */
  storage?: JobIdStorage | undefined
  /** How often to poll processing assets and running jobs. Default: `DEFAULT_POLLING_SCHEDULE`. */
  polling?: PollingSchedule | undefined
} & ({ adapter: HostAdapter; baseUrl?: never } | { baseUrl: string; adapter?: never })

/**
 * Makes Likeness available to the hooks below it. Renders no markup. Safe during server
 * rendering (nothing touches `window` until an effect or an action) and under StrictMode.
 *
 * @example
 * ```tsx
 * <LikenessProvider baseUrl="/api/likeness">
 *   <App />
 * </LikenessProvider>
 * ```
 */
export function LikenessProvider(props: LikenessProviderProps) {
  const outer = useContext(QueryClientContext)
  // Made once, used only without a given or enclosing client (an unused one costs nothing).
  const [owned] = useState(() => new QueryClient())
  const client = props.queryClient ?? outer ?? owned
  const { adapter, baseUrl, scope, storage, polling } = props
  const value = useMemo<LikenessContextValue>(
    () => ({
      adapter: adapter ?? createHttpAdapter({ baseUrl }),
      keys: likenessKeys(scope),
      storage: storage ?? sessionJobStorage,
      polling: polling ?? DEFAULT_POLLING_SCHEDULE,
    }),
    [adapter, baseUrl, scope, storage, polling],
  )
  // createElement rather than JSX: no jsx-runtime import in the bundle.
  const content = createElement(LikenessContext.Provider, { value }, props.children)
  if (client === outer) return content
  return createElement(QueryClientProvider, { client }, content)
}

/**
 * The adapter, query keys and storage of the nearest {@link LikenessProvider}.
 *
 * @example
 * ```ts
 * const { adapter, keys } = useLikeness()
 * ```
 */
export function useLikeness(): LikenessContextValue {
  const value = useContext(LikenessContext)
  if (!value) throw new Error('Wrap the app in <LikenessProvider>.')
  return value
}

// sessionStorage can be missing (server rendering) or throw (privacy modes, sandboxed frames);
// losing the job id then only costs the resume-after-reload convenience.
const sessionJobStorage: JobIdStorage = {
  get: (key) => attempt(() => sessionStorage.getItem(key)),
  set: (key, value) => {
    attempt(() => {
      if (value === null) sessionStorage.removeItem(key)
      else sessionStorage.setItem(key, value)
    })
  },
}

function attempt<T>(action: () => T): T | null {
  try {
    return action()
  } catch {
    return null
  }
}

// Shared by the hooks (not exported from the package): a query's or mutation's error, if any,
// as a LikenessError.
export const errorOf = (error: unknown): LikenessError | null =>
  error == null ? null : toLikenessError(error)

/**
 * The person's verification, one query shared by every hook that needs it. No abort signal on
 * purpose: a small read that every mount shares, so StrictMode's unmount-and-remount (React
 * 18) reuses the request in flight instead of cancelling it.
 */
export function useVerification() {
  const { adapter, keys } = useLikeness()
  return useQuery({ queryKey: keys.verification, queryFn: () => adapter.getVerification() })
}

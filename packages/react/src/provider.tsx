import {
  createHttpAdapter,
  createLikenessRuntime,
  toLikenessError,
  type Clock,
  type HostAdapter,
  type JobIdStorage,
  type LikenessError,
  type LikenessRuntime,
  type PollingSchedule,
} from '@likeness/core'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { createContext, createElement, useContext, useMemo, useState, type ReactNode } from 'react'

const LikenessContext = createContext<LikenessRuntime | null>(null)

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
  /** Where elapsed time is read. Default: `systemClock` (one timer, paused in hidden tabs). */
  clock?: Clock | undefined
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
  const { adapter, baseUrl, scope, storage, polling, clock } = props
  const value = useMemo(
    () =>
      createLikenessRuntime({
        client,
        adapter: adapter ?? createHttpAdapter({ baseUrl }),
        scope,
        storage,
        polling,
        clock,
      }),
    [client, adapter, baseUrl, scope, storage, polling, clock],
  )
  // createElement rather than JSX: no jsx-runtime import in the bundle.
  const content = createElement(LikenessContext.Provider, { value }, props.children)
  if (client === outer) return content
  return createElement(QueryClientProvider, { client }, content)
}

/**
 * What the nearest {@link LikenessProvider} set up: the `QueryClient`, the adapter, the query
 * keys, the polling schedule, the clock and the job id storage. Pass it to a controller of
 * `@likeness/core` to build a hook of your own.
 *
 * @example
 * ```ts
 * const { adapter, keys } = useLikeness()
 * ```
 */
export function useLikeness(): LikenessRuntime {
  const value = useContext(LikenessContext)
  if (!value) throw new Error('Wrap the app in <LikenessProvider>.')
  return value
}

// Shared by the hooks (not exported from the package): a query's or mutation's error, if any,
// as a LikenessError.
export const errorOf = (error: unknown): LikenessError | null =>
  error == null ? null : toLikenessError(error)

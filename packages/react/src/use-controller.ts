import { useMemo, useState, useSyncExternalStore } from 'react'

/**
 * One controller per component for as long as `deps` stay the same (a new adapter or client
 * makes a new one), as TanStack's `useBaseQuery` keeps one observer. Controllers start nothing
 * when made, so the extra one StrictMode makes and drops costs nothing.
 */
export function useController<T>(create: () => T, deps: readonly unknown[]): T {
  const [held, hold] = useState(() => ({ deps, value: create() }))
  if (deps.length === held.deps.length && deps.every((dep, at) => Object.is(dep, held.deps[at]))) {
    return held.value
  }
  const next = { deps, value: create() }
  hold(next)
  return next.value
}

/** What a hook reads of a controller: its snapshot, and a server one where it has its own. */
interface Readable<S> {
  subscribe: (listener: () => void) => () => void
  getSnapshot: () => S
  getServerSnapshot?: (() => S) | undefined
}

/**
 * A controller's snapshot with `actions` spread in, as one object that stays the same until
 * the snapshot changes, so a context built on a hook's result stays memoised too.
 */
export function useSnapshot<S extends object, A extends object>(
  controller: Readable<S>,
  actions: A,
): S & A {
  const { subscribe, getSnapshot, getServerSnapshot = getSnapshot } = controller
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
  // The actions belong to the controller, so they change only when it does.
  return useMemo(() => ({ ...snapshot, ...actions }), [controller, snapshot])
}

import { useState } from 'react'

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

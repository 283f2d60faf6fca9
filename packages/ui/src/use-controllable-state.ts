import { useCallback, useRef, useState } from 'react'

/**
 * State a host may control (`value` + `onChange`) or leave to the component
 * (`defaultValue`), behind one `[value, setValue]` pair, as Radix's controllable state does.
 * Switching between the two after mount is a host bug; the first choice wins. The setter is
 * the same function for the component's life and always calls the host's latest `onChange`,
 * so callbacks memoised on it never call a stale one.
 */
export function useControllableState<T>(
  value: T | undefined,
  defaultValue: T,
  onChange: ((next: T) => void) | undefined,
): [T, (next: T) => void] {
  const controlled = useRef(value !== undefined).current
  const [own, setOwn] = useState(defaultValue)
  const current = controlled ? (value as T) : own
  const latest = useRef({ current, onChange })
  latest.current = { current, onChange }
  const set = useCallback(
    (next: T) => {
      if (Object.is(next, latest.current.current)) return
      if (!controlled) setOwn(next)
      latest.current.onChange?.(next)
    },
    [controlled],
  )
  return [current, set]
}

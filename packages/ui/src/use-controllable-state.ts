import { useRef, useState } from 'react'

/**
 * State a host may control (`value` + `onChange`) or leave to the component
 * (`defaultValue`), behind one `[value, setValue]` pair, as Radix's controllable state does.
 * Switching between the two after mount is a host bug; the first choice wins.
 */
export function useControllableState<T>(
  value: T | undefined,
  defaultValue: T,
  onChange: ((next: T) => void) | undefined,
): [T, (next: T) => void] {
  const controlled = useRef(value !== undefined).current
  const [own, setOwn] = useState(defaultValue)
  const current = controlled ? (value as T) : own
  const set = (next: T) => {
    if (Object.is(next, current)) return
    if (!controlled) setOwn(next)
    onChange?.(next)
  }
  return [current, set]
}

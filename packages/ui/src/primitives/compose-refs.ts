import { useCallback, type Ref, type RefCallback } from 'react'

type PossibleRef<T> = Ref<T> | undefined

/** Gives `node` to one ref; a callback ref's cleanup (React 19) is handed back. */
function setRef<T>(ref: PossibleRef<T>, node: T | null): (() => void) | undefined {
  if (typeof ref === 'function') {
    const cleanup = ref(node)
    return typeof cleanup === 'function' ? cleanup : undefined
  }
  if (ref) ref.current = node
  return undefined
}

/**
 * One callback ref that gives the element to every ref passed (object refs, callback refs,
 * `undefined` ones are skipped). When a callback ref returns a cleanup function (React 19), the
 * combined ref returns one too, which on detach calls those cleanups and sets the other refs to
 * `null`: React then no longer calls the ref with `null` itself.
 *
 * @example
 * ```tsx
 * const own = useRef<HTMLFormElement>(null)
 * return <form ref={composeRefs(own, props.ref)} />
 * ```
 */
export function composeRefs<T>(...refs: PossibleRef<T>[]): RefCallback<T> {
  return (node) => {
    const cleanups = refs.map((ref) => setRef(ref, node))
    if (!cleanups.some(Boolean)) return undefined
    return () => {
      refs.forEach((ref, index) => {
        const cleanup = cleanups[index]
        if (cleanup) cleanup()
        else setRef(ref, null)
      })
    }
  }
}

/**
 * {@link composeRefs} as a hook: the same callback while the refs are the same, so React does
 * not detach and attach the element again on every render.
 *
 * @example
 * ```tsx
 * function Field({ ref }: { ref?: Ref<HTMLInputElement> }) {
 *   const own = useRef<HTMLInputElement>(null)
 *   return <input ref={useComposedRefs(own, ref)} />
 * }
 * ```
 */
export function useComposedRefs<T>(...refs: PossibleRef<T>[]): RefCallback<T> {
  // The refs are the dependencies: a new ref is a new callback, and only then.
  return useCallback(composeRefs(...refs), refs)
}

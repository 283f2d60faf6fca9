import { createContext, useContext } from 'react'

/**
 * A compound component's context, and the hook its parts read it with: outside the component's
 * Root the hook throws an error that names the misplaced part.
 */
export function createPartContext<T>(component: string) {
  const Context = createContext<T | null>(null)
  function usePart(part: string): T {
    const value = useContext(Context)
    if (!value) throw new Error(`<${component}.${part}> must be inside <${component}.Root>.`)
    return value
  }
  return [Context, usePart] as const
}

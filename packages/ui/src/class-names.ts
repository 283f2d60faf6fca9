/**
 * The class names of our look, or none when the host asked for `unstyled`; the host's own
 * `className` always stays.
 */
export function lk(unstyled: boolean | undefined, names: string, own?: string): string | undefined {
  const ours = unstyled ? '' : names
  return [ours, own].filter(Boolean).join(' ') || undefined
}

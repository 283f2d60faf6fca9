/**
 * One handler from the host's and ours: the host's runs first, then ours, unless the host
 * called `event.preventDefault()` (pass `checkForDefaultPrevented: false` to run ours anyway,
 * for work that must happen whatever the host did).
 *
 * @example
 * ```tsx
 * <button onClick={composeEventHandlers(props.onClick, () => setOpen(true))} />
 * ```
 */
export function composeEventHandlers<E extends { defaultPrevented: boolean }>(
  theirs: ((event: E) => void) | undefined,
  ours: ((event: E) => void) | undefined,
  { checkForDefaultPrevented = true }: { checkForDefaultPrevented?: boolean } = {},
): (event: E) => void {
  return (event) => {
    theirs?.(event)
    if (!checkForDefaultPrevented || !event.defaultPrevented) ours?.(event)
  }
}

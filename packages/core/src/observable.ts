/**
 * A value that changes over time and tells its listeners, in the shape React's
 * `useSyncExternalStore` takes: `subscribe(listener)` returns the unsubscribe function and
 * `getSnapshot()` returns the same object until something changes. `subscribe` and
 * `getSnapshot` need no `this`, so they can be passed around as they are.
 *
 * The controllers of Likeness extend it. Work that only matters while someone watches
 * (polling, a clock) starts with the first listener and stops with the last, as TanStack's
 * observers do, so a controller nobody subscribes to costs nothing.
 *
 * @example
 * ```ts
 * const stop = controller.subscribe(() => render(controller.getSnapshot()))
 * ```
 */
export abstract class Observable<TSnapshot> {
  readonly #listeners = new Set<() => void>()
  #snapshot: TSnapshot

  protected constructor(initial: TSnapshot) {
    this.#snapshot = initial
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener)
    if (this.#listeners.size === 1) this.onSubscribe()
    return () => {
      if (!this.#listeners.delete(listener)) return
      if (this.#listeners.size === 0) this.onUnsubscribe()
    }
  }

  /** What is true now; the same object until something changes. */
  readonly getSnapshot = (): TSnapshot => this.#snapshot

  /** True while anyone listens. */
  protected get isWatched(): boolean {
    return this.#listeners.size > 0
  }

  /** Replaces the snapshot and tells every listener, unless it is the same object. */
  protected publish(next: TSnapshot): void {
    if (Object.is(next, this.#snapshot)) return
    this.#snapshot = next
    for (const listener of [...this.#listeners]) listener()
  }

  /** The first listener arrived: start what only matters while watched. */
  protected onSubscribe(): void {}

  /** The last listener left: stop it again. */
  protected onUnsubscribe(): void {}
}

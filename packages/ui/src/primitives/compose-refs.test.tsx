import { act, render } from '@testing-library/react'
import { createRef, useState, type Ref } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { composeRefs, useComposedRefs } from './compose-refs.ts'

describe('composeRefs', () => {
  it('gives the node to object refs and callback refs, skipping missing ones', () => {
    const object = createRef<string>()
    const callback = vi.fn()
    const composed = composeRefs<string>(object, undefined, callback, null)
    expect(composed('node')).toBeUndefined()
    expect(object.current).toBe('node')
    expect(callback).toHaveBeenCalledWith('node')
  })

  it('is attached and then detached with null by React when no ref has a cleanup', () => {
    const object = createRef<HTMLDivElement>()
    const seen: (HTMLDivElement | null)[] = []
    const { unmount } = render(
      <div
        ref={composeRefs(object, (node) => {
          seen.push(node)
        })}
      />,
    )
    expect(object.current).toBeInstanceOf(HTMLDivElement)
    unmount()
    expect(object.current).toBeNull()
    expect(seen).toEqual([expect.any(HTMLDivElement), null])
  })

  it('calls a callback ref’s cleanup on detach, and clears the other refs itself', () => {
    const object = createRef<HTMLDivElement>()
    const plain = vi.fn()
    const cleanup = vi.fn()
    const withCleanup = vi.fn(() => cleanup)
    const { unmount } = render(<div ref={composeRefs(object, plain, withCleanup)} />)
    const node = object.current
    expect(node).toBeInstanceOf(HTMLDivElement)
    unmount()
    expect(cleanup).toHaveBeenCalledTimes(1)
    // React 19 calls the cleanup instead of the ref with null: the composed cleanup does it.
    expect(withCleanup.mock.calls).toEqual([[node]])
    expect(plain.mock.calls).toEqual([[node], [null]])
    expect(object.current).toBeNull()
  })
})

describe('useComposedRefs', () => {
  function Box({ first, second }: { first: Ref<HTMLDivElement>; second?: Ref<HTMLDivElement> }) {
    const [count, setCount] = useState(0)
    return (
      <div
        ref={useComposedRefs(first, second)}
        onClick={() => {
          setCount(count + 1)
        }}
      >
        {count}
      </div>
    )
  }

  it('keeps the same callback while the refs are the same', () => {
    const first = vi.fn()
    const { container, rerender } = render(<Box first={first} />)
    const div = container.querySelector('div')!
    act(() => {
      div.click()
    })
    act(() => {
      div.click()
    })
    expect(div).toHaveTextContent('2')
    expect(first.mock.calls).toEqual([[div]])

    const second = createRef<HTMLDivElement>()
    rerender(<Box first={first} second={second} />)
    expect(first.mock.calls).toEqual([[div], [null], [div]])
    expect(second.current).toBe(div)
  })
})

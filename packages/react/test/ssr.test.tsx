// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it } from 'vitest'
import { LikenessProvider, useVerificationSession } from '../src/index.ts'

function Status() {
  const { status, isLoading } = useVerificationSession()
  return <p>{isLoading ? 'loading' : status}</p>
}

const realFetch = globalThis.fetch
afterEach(() => {
  globalThis.fetch = realFetch
})

describe('server rendering', () => {
  it('renders without a window, and asks nothing of the network while rendering', () => {
    expect(typeof window).toBe('undefined')
    const requested: string[] = []
    globalThis.fetch = (input) => {
      requested.push(input instanceof Request ? input.url : input.toString())
      return Promise.reject(new Error('no network during render'))
    }
    const html = renderToString(
      <LikenessProvider baseUrl="/api/likeness">
        <Status />
      </LikenessProvider>,
    )
    expect(html).toBe('<p>loading</p>')
    expect(requested).toEqual([])
  })
})

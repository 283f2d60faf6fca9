import { QueryClient } from '@tanstack/react-query'
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { describe, expect, it } from 'vitest'

// The same hook tests run under React 19 (this package) and React 18.3 (tests/react-18); this
// proves each run really uses the React it claims, hooks and TanStack Query included.
describe('the React under test', () => {
  it('is the expected major version throughout', () => {
    const expected = process.env.LIKENESS_EXPECT_REACT ?? '19'
    expect(version.split('.')[0]).toBe(expected)
    expect(domVersion.split('.')[0]).toBe(expected)
    expect(new QueryClient()).toBeDefined()
  })
})

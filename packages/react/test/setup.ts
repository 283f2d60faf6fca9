import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// Testing Library unmounts after each test only when test globals exist; they do not here, so
// unmount explicitly: no hook keeps polling into the next test, or past the test environment.
// A wait for something to show is a hang guard, not a speed limit: on a loaded machine the
// state may take seconds to arrive, and a test fails only if it never does.
configure({ asyncUtilTimeout: 15_000 })

afterEach(() => {
  cleanup()
})

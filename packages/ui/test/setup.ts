import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'
import '../src/styles.css'

// A wait for something to show is a hang guard, not a speed limit: on a loaded machine the
// state may take seconds to arrive, and a test fails only if it never does.
configure({ asyncUtilTimeout: 15_000 })

afterEach(() => {
  cleanup()
})

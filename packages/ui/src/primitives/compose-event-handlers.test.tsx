import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { composeEventHandlers } from './compose-event-handlers.ts'

/** A stand-in event: only what the helper reads and a way to prevent. */
function fakeEvent() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}

describe('composeEventHandlers', () => {
  it('runs the host’s handler first, then ours', () => {
    const calls: string[] = []
    const handler = composeEventHandlers(
      () => calls.push('theirs'),
      () => calls.push('ours'),
    )
    handler(fakeEvent())
    expect(calls).toEqual(['theirs', 'ours'])
  })

  it('skips ours when the host called preventDefault, unless told not to check', () => {
    const calls: string[] = []
    const prevent = (event: ReturnType<typeof fakeEvent>) => {
      calls.push('theirs')
      event.preventDefault()
    }
    const ours = () => calls.push('ours')
    composeEventHandlers(prevent, ours)(fakeEvent())
    expect(calls).toEqual(['theirs'])
    composeEventHandlers(prevent, ours, { checkForDefaultPrevented: false })(fakeEvent())
    expect(calls).toEqual(['theirs', 'theirs', 'ours'])
  })

  it('takes a missing handler on either side', () => {
    const calls: string[] = []
    composeEventHandlers(undefined, () => calls.push('ours'))(fakeEvent())
    composeEventHandlers(() => calls.push('theirs'), undefined)(fakeEvent())
    expect(calls).toEqual(['ours', 'theirs'])
  })

  it('works on React’s events', async () => {
    const calls: string[] = []
    const { getByRole } = render(
      <button
        type="button"
        onClick={composeEventHandlers(
          (event) => {
            calls.push(`theirs:${String(event.defaultPrevented)}`)
          },
          () => calls.push('ours'),
        )}
      >
        Go
      </button>,
    )
    await userEvent.click(getByRole('button'))
    expect(calls).toEqual(['theirs:false', 'ours'])
  })
})

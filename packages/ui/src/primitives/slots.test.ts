import { describe, expect, it } from 'vitest'
import { slotProps } from './slots.ts'

type Slot = 'root' | 'trigger' | 'status'

describe('slotProps', () => {
  it('gives our classes, then the host’s for the slot, then the element’s own', () => {
    const resolve = slotProps<Slot>({ classNames: { trigger: 'btn btn-lg' } })
    expect(resolve('trigger', 'lk-button lk-verify-trigger', { className: 'mine' })).toEqual({
      className: 'lk-button lk-verify-trigger btn btn-lg mine',
      style: undefined,
    })
    // Another slot is untouched by the trigger's class.
    expect(resolve('root', 'lk-root')).toEqual({ className: 'lk-root', style: undefined })
  })

  it('drops our classes when unstyled and keeps the host’s', () => {
    const resolve = slotProps<Slot>({ unstyled: true, classNames: { root: 'card' } })
    expect(resolve('root', 'lk-root lk-verify', { className: 'mine' }).className).toBe('card mine')
    expect(resolve('status', 'lk-verify-status').className).toBeUndefined()
  })

  it('merges the host’s style for the slot over the element’s own', () => {
    const resolve = slotProps<Slot>({ styles: { status: { color: 'red', margin: 4 } } })
    expect(resolve('status', 'lk-verify-status', { style: { color: 'blue', padding: 2 } })).toEqual(
      {
        className: 'lk-verify-status',
        style: { color: 'red', margin: 4, padding: 2 },
      },
    )
    expect(resolve('status').style).toEqual({ color: 'red', margin: 4 })
    // Without a style of the host's, the element's own object is passed through as it is.
    const own = { width: '50%' }
    expect(resolve('root', '', { style: own }).style).toBe(own)
  })

  it('gives nothing at all for a slot with no class of ours, the host’s or its own', () => {
    expect(slotProps<Slot>({})('trigger')).toEqual({ className: undefined, style: undefined })
  })
})

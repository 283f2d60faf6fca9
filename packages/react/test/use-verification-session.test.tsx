import { VERIFICATION_MESSAGE_TYPE } from '@likeness/core'
import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  useVerificationSession,
  type UseVerificationSessionOptions,
  type VerificationHookStatus,
  type VerificationSessionState,
} from '../src/index.ts'
import { harness, liveness, setup } from './harness.tsx'

afterEach(() => {
  vi.restoreAllMocks()
})

function mount(
  ctx: ReturnType<typeof setup>,
  options: UseVerificationSessionOptions = {},
  wrapper = ctx.wrapper,
) {
  return renderHook(() => useVerificationSession(options), { wrapper })
}

type Result = { current: VerificationSessionState }

/** Waits until the hook shows `status`. */
async function reached(result: Result, status: VerificationHookStatus, timeout?: number) {
  await waitFor(
    () => {
      expect(result.current.status).toBe(status)
    },
    timeout === undefined ? {} : { timeout },
  )
}

/** Waits until the hook has read the verification (idle, nobody verified), then starts one. */
async function startOnceIdle(result: Result) {
  await reached(result, 'idle')
  act(() => {
    result.current.start()
  })
}

/** A stand-in for the popup window: records where it was sent, can be closed. */
function fakePopup() {
  const popup = {
    location: { href: 'about:blank' },
    closed: false,
    close: () => void (popup.closed = true),
  }
  return popup
}

function postFromPopup(status: string, sessionId: string, origin = 'https://app.example') {
  window.dispatchEvent(
    new MessageEvent('message', {
      data: { type: VERIFICATION_MESSAGE_TYPE, sessionId, status },
      origin,
    }),
  )
}

describe('useVerificationSession', () => {
  it('redirects to the liveness page and, after the round trip, resumes as verified', async () => {
    const ctx = setup()
    const navigate = vi.fn<(url: string) => void>()
    const onVerified = vi.fn()
    const seen: string[] = []
    const first = renderHook(
      () => {
        const state = useVerificationSession({ navigate, locale: 'en' })
        if (seen.at(-1) !== state.status) seen.push(state.status)
        return state
      },
      { wrapper: ctx.wrapper },
    )
    await reached(first.result, 'idle')
    expect(first.result.current.session).toBeNull()

    act(() => {
      first.result.current.start()
    })
    await waitFor(() => {
      expect(navigate).toHaveBeenCalledOnce()
    })
    expect(first.result.current.status).toBe('pending')
    expect(seen).toEqual(['idle', 'starting', 'pending'])
    const url = navigate.mock.calls[0]?.[0] ?? ''
    expect(new URL(url).searchParams.get('lng')).toBe('en')
    first.unmount()

    // The person passes on the liveness page; the browser comes back through the callback.
    const { response } = await liveness(ctx.h, url, 'pass')
    const back = new URL(response.headers.get('location') ?? '')
    expect(back.pathname).toBe('/studio')
    window.history.replaceState(null, '', back.toString())

    const reloaded = ctx.page()
    const second = mount(ctx, { onVerified }, reloaded.wrapper)
    await reached(second.result, 'verified')
    expect(second.result.current.isVerified).toBe(true)
    expect(onVerified).toHaveBeenCalledOnce()
    expect(window.location.search).toBe('')
  })

  it('reports a failure with its reason, and starts again on retry', async () => {
    const ctx = setup()
    const navigate = vi.fn<(url: string) => void>()
    const onError = vi.fn()
    const { result } = mount(ctx, { navigate, onError })
    await startOnceIdle(result)
    await waitFor(() => {
      expect(navigate).toHaveBeenCalledOnce()
    })
    await liveness(ctx.h, navigate.mock.calls[0]?.[0] ?? '', 'mismatch')
    const again = mount(ctx, { navigate, onError }, ctx.page().wrapper)
    await reached(again.result, 'failed')
    expect(again.result.current.reasonCode).toBe('face_mismatch')
    expect(again.result.current.reason).toMatch(/face/i)
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'not_verified' }))
    act(() => {
      again.result.current.retry()
    })
    await reached(again.result, 'pending')
    expect(navigate).toHaveBeenCalledTimes(2)
  })

  it('opens the popup inside the click, then verifies on its message', async () => {
    const ctx = setup()
    const popup = fakePopup()
    const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const { result } = mount(ctx, { mode: 'popup' })
    await startOnceIdle(result)
    // Synchronously, before the server was even asked.
    expect(open).toHaveBeenCalledWith('about:blank', 'likeness-verification', expect.any(String))
    await waitFor(() => {
      expect(popup.location.href).toMatch(/\/h5\/liveness\?/)
    })
    const sessionId = result.current.session?.id ?? ''
    const { response } = await liveness(ctx.h, popup.location.href, 'pass')
    expect(await response.text()).toContain('data-likeness-origin="https://app.example"')

    // A message from another origin is ignored; the right one makes the hook ask the server.
    act(() => {
      postFromPopup('verified', sessionId, 'https://evil.example')
    })
    expect(result.current.status).toBe('pending')
    act(() => {
      postFromPopup('verified', sessionId)
    })
    await reached(result, 'verified')
  })

  it('treats a popup closed without a result as a cancel', async () => {
    const ctx = setup()
    const popup = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const { result } = mount(ctx, { mode: 'popup' })
    await startOnceIdle(result)
    await reached(result, 'pending')
    popup.close()
    await reached(result, 'failed', 3000)
    expect(result.current.reasonCode).toBe('cancelled')
  })

  it('falls back to a redirect when the popup is blocked', async () => {
    const ctx = setup()
    vi.spyOn(window, 'open').mockReturnValue(null)
    const navigate = vi.fn<(url: string) => void>()
    const { result } = mount(ctx, { mode: 'popup', navigate })
    await startOnceIdle(result)
    await waitFor(() => {
      expect(navigate).toHaveBeenCalledOnce()
    })
    expect(navigate.mock.calls[0]?.[0]).toMatch(/\/h5\/liveness\?/)
  })

  it('cancels a pending verification on request', async () => {
    const ctx = setup()
    const { result } = mount(ctx, { navigate: () => undefined })
    await startOnceIdle(result)
    await reached(result, 'pending')
    act(() => {
      result.current.cancel()
    })
    await reached(result, 'failed')
    expect(result.current.reasonCode).toBe('cancelled')
  })

  it('reports expiry when the time runs out, without a reload', async () => {
    const ctx = setup('alice', harness({ limits: { verificationTtlMs: 150 } }, Date.now()))
    const { result } = mount(ctx, { navigate: () => undefined })
    await startOnceIdle(result)
    await reached(result, 'pending')
    await reached(result, 'expired', 2000)
    expect(result.current.reasonCode).toBe('expired')
    expect(result.current.reason).toMatch(/expired/i)
  })

  it('surfaces a refused start as an error and stays idle', async () => {
    const ctx = setup()
    const onError = vi.fn()
    const { result } = mount(ctx, { returnTo: 'https://evil.example/', onError })
    await startOnceIdle(result)
    await waitFor(() => {
      expect(result.current.error?.code).toBe('invalid_request')
    })
    expect(result.current.status).toBe('idle')
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'invalid_request' }))
  })

  it('asks the server once under StrictMode, however many components watch', async () => {
    const ctx = setup()
    const { result } = renderHook(
      () => [useVerificationSession(), useVerificationSession(), useVerificationSession()],
      { wrapper: ctx.page({ strict: true }).wrapper },
    )
    await waitFor(() => {
      expect(result.current.every((state) => state.status === 'idle')).toBe(true)
    })
    expect(ctx.requests.filter((request) => request === 'GET /verification')).toHaveLength(1)
  })
})

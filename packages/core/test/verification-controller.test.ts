// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://app.example/studio"}
/**
 * The verification controller without React: the real HTTP adapter, handler and simulator in
 * this process, a clock that follows the simulator's, and TanStack's query-core for the cache.
 * jsdom stands in for the page (its address, `window.open`, the popup's `message`).
 */
import { QueryClient } from '@tanstack/query-core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { harness, liveness, SIM_URL, type Harness } from '../../server/test/harness.ts'
import {
  createLikenessRuntime,
  LikenessError,
  VERIFICATION_MESSAGE_TYPE,
  VerificationController,
  type Clock,
  type LikenessRuntime,
  type VerificationControllerOptions,
} from '../src/index.ts'
import { harnessAdapter, until } from './support.ts'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  window.history.replaceState(null, '', '/studio')
})

/** The runtime's clock: `now` follows the simulator's clock, so expiry is on its time. */
function simulatorClock(h: Harness): Clock {
  return { now: () => h.clock.now(), subscribe: () => () => undefined }
}

function setup(h: Harness = harness()) {
  /** Every request the adapter sent, as `METHOD /path?query` below the base path. */
  const requests: string[] = []
  const adapter = harnessAdapter(h, { log: requests })
  const clock = simulatorClock(h)
  /** A fresh page: its own query cache, the same server. */
  const page = () => createLikenessRuntime({ client: new QueryClient(), adapter, clock })
  const reads = () => requests.filter((request) => request === 'GET /verification').length
  return { h, requests, reads, page, runtime: page() }
}

/** A controller that is watched, recording each status it shows. */
function watched(runtime: LikenessRuntime, options: VerificationControllerOptions = {}) {
  const verification = new VerificationController(runtime, options)
  const statuses = [verification.getSnapshot().status]
  const stop = verification.subscribe(() => {
    const { status } = verification.getSnapshot()
    if (statuses.at(-1) !== status) statuses.push(status)
  })
  return { verification, statuses, stop }
}

/** Reads the verification again, as a host refreshing its page data would. */
const refresh = (runtime: LikenessRuntime) =>
  runtime.client.refetchQueries({ queryKey: runtime.keys.verification })

/** A stand-in for the popup window: records where it was sent, can be closed. */
function fakePopup() {
  const popup = {
    location: { href: '' },
    closed: false,
    close() {
      popup.closed = true
    },
  }
  return popup
}

/** Makes `window.open` give a stand-in popup, and returns it. */
function popupOpens() {
  const popup = fakePopup()
  vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
  return popup
}

/** Waits for the first read, starts a verification and waits until it is pending. */
async function startPending(verification: VerificationController) {
  await until(verification, (s) => !s.isLoading)
  verification.start()
  await until(verification, (s) => s.status === 'pending')
}

function postFromPopup(origin: string) {
  window.dispatchEvent(
    new MessageEvent('message', { data: { type: VERIFICATION_MESSAGE_TYPE }, origin }),
  )
}

const isLivenessPage = (url: string) => url.startsWith(`${SIM_URL}/`)

describe('VerificationController', () => {
  it('reads nothing until watched, then goes from loading to what the server says', async () => {
    const { requests, runtime } = setup()
    window.history.replaceState(null, '', '/studio?likeness_verification=verified&tab=2')
    const verification = new VerificationController(runtime)
    expect(verification.getSnapshot()).toMatchObject({
      status: 'idle',
      isLoading: true,
      session: null,
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(requests).toEqual([])

    const stop = verification.subscribe(() => undefined)
    // Coming back from the liveness page: the marker leaves the address, the rest stays.
    expect(window.location.search).toBe('?tab=2')
    await until(verification, (s) => !s.isLoading)
    expect(verification.getSnapshot()).toMatchObject({
      status: 'idle',
      session: null,
      error: null,
      isVerified: false,
    })
    expect(requests).toEqual(['GET /verification'])
    stop()
  })

  it('redirect: navigates to the liveness page, shows pending, and after a pass shows verified, reported once', async () => {
    const { h, requests, runtime } = setup()
    const navigate = vi.fn<(url: string) => void>()
    const onVerified = vi.fn()
    const onError = vi.fn()
    const { verification, statuses, stop } = watched(runtime, { navigate, onVerified, onError })
    await until(verification, (s) => !s.isLoading)

    verification.start()
    expect(verification.getSnapshot().status).toBe('starting')
    await until(verification, (s) => s.status === 'pending')
    expect(navigate).toHaveBeenCalledOnce()
    const url = navigate.mock.calls[0]?.[0] ?? ''
    expect(isLivenessPage(url)).toBe(true)
    expect(requests).toContain('POST /verification')
    const pending = verification.getSnapshot()
    expect(pending.session).toMatchObject({ status: 'pending' })
    expect(pending).toMatchObject({ reason: null, reasonCode: null, isVerified: false })
    // The server kept it as a redirect back to this page.
    const record = await h.store.getVerification(pending.session?.id ?? '')
    expect(record).toMatchObject({ mode: 'redirect', returnTo: 'https://app.example/studio' })

    const { response } = await liveness(h, url, 'pass')
    expect(response.status).toBe(303)
    await refresh(runtime)
    expect(verification.getSnapshot()).toMatchObject({
      status: 'verified',
      isVerified: true,
      reason: null,
      reasonCode: null,
      session: { id: pending.session?.id, status: 'verified' },
    })
    expect(statuses).toEqual(['idle', 'starting', 'pending', 'verified'])

    expect(onVerified).toHaveBeenCalledExactlyOnceWith(verification.getSnapshot().session)

    // More reads, and another controller on the page: each still reports once.
    await refresh(runtime)
    await refresh(runtime)
    const otherVerified = vi.fn()
    const other = new VerificationController(runtime, { onVerified: otherVerified })
    const stopOther = other.subscribe(() => undefined)
    await refresh(runtime)
    expect(other.getSnapshot().status).toBe('verified')
    expect(onVerified).toHaveBeenCalledOnce()
    expect(otherVerified).toHaveBeenCalledOnce()
    expect(onError).not.toHaveBeenCalled()
    stopOther()
    stop()
  })

  it('a verified person shows verified on a fresh page, reported once', async () => {
    const { h, page } = setup()
    const navigate = vi.fn<(url: string) => void>()
    const first = watched(page(), { navigate })
    await startPending(first.verification)
    first.stop()
    await liveness(h, navigate.mock.calls[0]?.[0] ?? '', 'pass')

    const onVerified = vi.fn()
    const runtime = page()
    const { verification, statuses, stop } = watched(runtime, { onVerified })
    await until(verification, (s) => !s.isLoading)
    expect(verification.getSnapshot()).toMatchObject({ status: 'verified', isVerified: true })
    expect(statuses).toEqual(['idle', 'verified'])
    await refresh(runtime)
    expect(onVerified).toHaveBeenCalledOnce()
    stop()
  })

  it('a failed check shows failed with its reason, reported once per verification', async () => {
    const { h, runtime } = setup()
    const navigate = vi.fn<(url: string) => void>()
    const onVerified = vi.fn()
    const onError = vi.fn<(error: LikenessError) => void>()
    const { verification, stop } = watched(runtime, { navigate, onVerified, onError })
    await startPending(verification)
    await liveness(h, navigate.mock.calls[0]?.[0] ?? '', 'mismatch')

    await refresh(runtime)
    expect(verification.getSnapshot()).toMatchObject({
      status: 'failed',
      reasonCode: 'face_mismatch',
      isVerified: false,
    })
    expect(verification.getSnapshot().reason).toMatch(/face/i)
    await refresh(runtime)
    await refresh(runtime)
    expect(onError).toHaveBeenCalledOnce()
    const reported = onError.mock.calls[0]?.[0]
    expect(reported).toBeInstanceOf(LikenessError)
    expect(reported).toMatchObject({
      code: 'not_verified',
      message: verification.getSnapshot().reason,
      details: { reasonCode: 'face_mismatch' },
    })

    // Another attempt that fails too is another outcome: reported as well, once.
    verification.retry()
    await until(verification, (s) => s.status === 'pending')
    expect(navigate).toHaveBeenCalledTimes(2)
    await liveness(h, navigate.mock.calls[1]?.[0] ?? '', 'fail')
    await refresh(runtime)
    await refresh(runtime)
    expect(verification.getSnapshot()).toMatchObject({
      status: 'failed',
      reasonCode: 'liveness_failed',
    })
    expect(onError).toHaveBeenCalledTimes(2)
    expect(onError.mock.calls[1]?.[0].details).toEqual({ reasonCode: 'liveness_failed' })
    expect(onVerified).not.toHaveBeenCalled()
    stop()
  })

  it('cancel turns a pending verification into failed (cancelled)', async () => {
    const { requests, runtime } = setup()
    const onError = vi.fn<(error: LikenessError) => void>()
    const { verification, stop } = watched(runtime, { navigate: () => undefined, onError })
    await startPending(verification)

    verification.cancel()
    await until(verification, (s) => s.status === 'failed')
    expect(verification.getSnapshot()).toMatchObject({ reasonCode: 'cancelled', error: null })
    expect(verification.getSnapshot().reason).toMatch(/cancelled/i)
    expect(requests).toContain('DELETE /verification')
    await refresh(runtime)
    expect(onError).toHaveBeenCalledOnce()
    expect(onError.mock.calls[0]?.[0].details).toEqual({ reasonCode: 'cancelled' })
    stop()
  })

  it('a pending verification whose time ran out by the runtime’s clock is expired, before the server is asked', async () => {
    const { h, reads, runtime } = setup()
    const first = watched(runtime, { navigate: () => undefined })
    await startPending(first.verification)
    const { session } = first.verification.getSnapshot()
    first.stop()

    h.clock.advance(Date.parse(session?.expiresAt ?? '') - h.clock.now() + 1)
    const onError = vi.fn<(error: LikenessError) => void>()
    const read = reads()
    // From the cached (pending) session alone, on the runtime's clock.
    const verification = new VerificationController(runtime, { onError })
    expect(verification.getSnapshot()).toMatchObject({
      status: 'expired',
      reasonCode: 'expired',
      session: { id: session?.id, status: 'pending' },
      isVerified: false,
    })
    expect(verification.getSnapshot().reason).toMatch(/expired/i)
    expect(reads()).toBe(read)

    // The server agrees once asked; the outcome is still reported once.
    const stop = verification.subscribe(() => undefined)
    await until(verification, (s) => s.session?.status === 'expired')
    expect(verification.getSnapshot()).toMatchObject({ status: 'expired', reasonCode: 'expired' })
    expect(onError).toHaveBeenCalledOnce()
    expect(onError.mock.calls[0]?.[0].details).toEqual({ reasonCode: 'expired' })
    stop()
  })

  it('a watched pending verification turns expired when its time runs out, without a reload', async () => {
    const { h, runtime } = setup(harness({ limits: { verificationTtlMs: 100 } }))
    const { verification, stop } = watched(runtime, { navigate: () => undefined })
    await startPending(verification)
    h.clock.advance(101)
    await until(verification, (s) => s.status === 'expired')
    expect(verification.getSnapshot().reasonCode).toBe('expired')
    await until(verification, (s) => s.session?.status === 'expired')
    stop()
  })

  it('popup: sends the opened window to the liveness page and reads again on its message, from this origin only', async () => {
    const { h, reads, requests, runtime } = setup()
    const popup = fakePopup()
    const open = vi.spyOn(window, 'open').mockImplementation(() => {
      requests.push('window.open')
      return popup as unknown as Window
    })
    const navigate = vi.fn<(url: string) => void>()
    const onVerified = vi.fn()
    const { verification, stop } = watched(runtime, { mode: 'popup', navigate, onVerified })
    await until(verification, (s) => !s.isLoading)

    verification.start()
    // Inside the click, before the server is asked: popup blockers allow it.
    expect(open).toHaveBeenCalledOnce()
    expect(open).toHaveBeenCalledWith('about:blank', 'likeness-verification', expect.any(String))
    expect(requests.filter((request) => !request.startsWith('GET'))).toEqual([
      'window.open',
      'POST /verification',
    ])
    await until(verification, (s) => s.status === 'pending')
    expect(isLivenessPage(popup.location.href)).toBe(true)
    expect(navigate).not.toHaveBeenCalled()
    const record = await h.store.getVerification(verification.getSnapshot().session?.id ?? '')
    expect(record?.mode).toBe('popup')

    await liveness(h, popup.location.href, 'pass')
    const before = reads()
    postFromPopup('https://evil.example')
    expect(verification.getSnapshot().status).toBe('pending')
    postFromPopup('https://app.example')
    await until(verification, (s) => s.status === 'verified')
    // Only the message from this page's origin asked the server.
    expect(reads()).toBe(before + 1)
    expect(onVerified).toHaveBeenCalledOnce()
    stop()
  })

  it('popup: a message from another origin is ignored, however long it waits', async () => {
    const { h, reads, runtime } = setup()
    const popup = popupOpens()
    const { verification, stop } = watched(runtime, {
      mode: 'popup',
      popupOrigin: 'https://verify.example',
    })
    await startPending(verification)
    await liveness(h, popup.location.href, 'pass')
    const before = reads()
    // This page's own origin is not the one the host named.
    postFromPopup('https://app.example')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(reads()).toBe(before)
    expect(verification.getSnapshot().status).toBe('pending')
    postFromPopup('https://verify.example')
    await until(verification, (s) => s.status === 'verified')
    stop()
  })

  it('popup: one closed without a result is cancelled', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const { requests, runtime } = setup()
    const popup = popupOpens()
    const { verification, stop } = watched(runtime, { mode: 'popup' })
    await startPending(verification)

    vi.advanceTimersByTime(2000)
    expect(requests).not.toContain('DELETE /verification')
    popup.closed = true
    vi.advanceTimersByTime(500)
    expect(requests.filter((request) => request === 'DELETE /verification')).toHaveLength(1)
    await until(verification, (s) => s.status === 'failed')
    expect(verification.getSnapshot().reasonCode).toBe('cancelled')
    // Nothing pending any more: the closed-popup check stopped.
    expect(vi.getTimerCount()).toBe(0)
    stop()
  })

  it('popup: one closed after a pass without its message is verified, not cancelled', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const { h, requests, runtime } = setup()
    const popup = popupOpens()
    const onError = vi.fn()
    const { verification, stop } = watched(runtime, { mode: 'popup', onError })
    await startPending(verification)
    await liveness(h, popup.location.href, 'pass')

    popup.closed = true
    vi.advanceTimersByTime(500)
    expect(requests).toContain('DELETE /verification')
    // The server answers the cancel with the verification as it stands.
    await until(verification, (s) => s.status !== 'pending')
    expect(verification.getSnapshot()).toMatchObject({ status: 'verified', reasonCode: null })
    expect(onError).not.toHaveBeenCalled()
    stop()
  })

  it('a refused start shows its error, reports it once and closes the popup', async () => {
    const { runtime } = setup()
    const popup = popupOpens()
    const onError = vi.fn<(error: LikenessError) => void>()
    const { verification, statuses, stop } = watched(runtime, {
      mode: 'popup',
      returnTo: 'https://evil.example/',
      onError,
    })
    await until(verification, (s) => !s.isLoading)
    verification.start()
    await until(verification, (s) => s.status !== 'starting')
    expect(verification.getSnapshot()).toMatchObject({
      status: 'idle',
      error: { code: 'invalid_request' },
      session: null,
    })
    expect(statuses).toEqual(['idle', 'starting', 'idle'])
    expect(popup.closed).toBe(true)
    expect(popup.location.href).toBe('')
    expect(onError).toHaveBeenCalledOnce()
    expect(onError.mock.calls[0]?.[0].code).toBe('invalid_request')
    stop()
  })

  it('cancel closes the popup', async () => {
    const { runtime } = setup()
    const popup = popupOpens()
    const { verification, stop } = watched(runtime, { mode: 'popup' })
    await startPending(verification)
    verification.cancel()
    expect(popup.closed).toBe(true)
    await until(verification, (s) => s.status === 'failed')
    expect(verification.getSnapshot().reasonCode).toBe('cancelled')
    stop()
  })

  it('leaves no listener on window and no timer after the last unsubscribe', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const { requests, runtime } = setup()
    const popup = popupOpens()
    const added = vi.spyOn(window, 'addEventListener')
    const removed = vi.spyOn(window, 'removeEventListener')
    const verification = new VerificationController(runtime, { mode: 'popup' })
    const stopFirst = verification.subscribe(() => undefined)
    const stopSecond = verification.subscribe(() => undefined)
    await startPending(verification)
    const messages = () =>
      added.mock.calls.filter(
        ([type, listener]) =>
          type === 'message' &&
          !removed.mock.calls.some(([other, gone]) => other === type && gone === listener),
      )
    expect(messages()).toHaveLength(1)
    expect(vi.getTimerCount()).toBe(1)

    stopFirst()
    expect(messages()).toHaveLength(1)
    stopSecond()
    expect(messages()).toHaveLength(0)
    // Every listener put on window while watched was taken off again.
    for (const [type, listener] of added.mock.calls) {
      expect(removed.mock.calls).toContainEqual([type, listener])
    }
    expect(vi.getTimerCount()).toBe(0)
    // A popup closing now is nobody's business: nothing is sent.
    popup.closed = true
    vi.advanceTimersByTime(1000)
    expect(requests).not.toContain('DELETE /verification')
  })
})

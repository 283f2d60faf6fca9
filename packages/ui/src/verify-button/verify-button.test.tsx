import { render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { createStack } from '../../test/stack.tsx'
import { LikenessUIProvider } from '../i18n.tsx'
import { checkVerificationEnvironment } from './environment.ts'
import { VerifyButton } from './index.ts'

describe('VerifyButton', () => {
  it('starts from the keyboard and sends the liveness page the locale in use', async () => {
    const stack = createStack()
    const navigate = vi.fn()
    render(
      <stack.Provider>
        <LikenessUIProvider locale="zh-CN">
          <VerifyButton navigate={navigate} returnTo="/studio" checkEnvironment={false} />
        </LikenessUIProvider>
      </stack.Provider>,
    )
    const button = await screen.findByRole('button', { name: '验证本人' })
    await userEvent.tab()
    expect(button).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    await waitFor(() => {
      expect(navigate).toHaveBeenCalledTimes(1)
    })
    const link = new URL(navigate.mock.calls[0]?.[0] as string)
    expect(link.searchParams.get('lng')).toBe('zh')
    expect(await screen.findByRole('status')).toHaveTextContent('等待你完成核验')
  })

  it('reports a failed check to onError with its reason code, and retries from the same button', async () => {
    const stack = createStack()
    const { url } = await stack.adapter.startVerification({ mode: 'redirect', returnTo: '/' })
    await stack.backend.completeLiveness(url, 'fail')
    const onError = vi.fn()
    const navigate = vi.fn()
    render(
      <stack.Provider>
        <VerifyButton
          onError={onError}
          navigate={navigate}
          returnTo="/studio"
          checkEnvironment={false}
        />
      </stack.Provider>,
    )
    const retry = await screen.findByRole('button', { name: 'Try again' })
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'not_verified',
      details: { reasonCode: 'liveness_failed' },
    })
    await userEvent.click(retry)
    await waitFor(() => {
      expect(navigate).toHaveBeenCalledTimes(1)
    })
  })

  it('does nothing while verified, and says so to assistive technology', async () => {
    const stack = createStack()
    await stack.backend.verify(stack.user)
    const navigate = vi.fn()
    render(
      <stack.Provider>
        <VerifyButton navigate={navigate} checkEnvironment={false} />
      </stack.Provider>,
    )
    const button = await screen.findByRole('button', { name: 'Verified' })
    expect(button).toHaveAttribute('aria-disabled', 'true')
    await userEvent.click(button, { force: true })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(navigate).not.toHaveBeenCalled()
    expect(screen.getByRole('status')).toHaveTextContent('You are verified')
  })

  it('lets a host cancel the start from its own click handler', async () => {
    const stack = createStack()
    const navigate = vi.fn()
    render(
      <stack.Provider>
        <VerifyButton
          navigate={navigate}
          checkEnvironment={false}
          onClick={(event) => {
            event.preventDefault()
          }}
        />
      </stack.Provider>,
    )
    await userEvent.click(await screen.findByRole('button', { name: 'Verify it’s you' }))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(navigate).not.toHaveBeenCalled()
  })

  it('returns focus to the button when the environment notice is dismissed', async () => {
    const stack = createStack()
    const navigate = vi.fn()
    render(
      <stack.Provider>
        <VerifyButton
          navigate={navigate}
          returnTo="/studio"
          checkEnvironment={() =>
            checkVerificationEnvironment({ isSecureContext: true, hasCamera: false })
          }
        />
      </stack.Provider>,
    )
    const button = await screen.findByRole('button', { name: 'Verify it’s you' })
    await userEvent.click(button)
    expect(await screen.findByRole('alert')).toHaveTextContent('cannot use a camera')
    await userEvent.click(screen.getByRole('button', { name: 'Not now' }))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(button).toHaveFocus()
    expect(navigate).not.toHaveBeenCalled()
  })
})

describe('checkVerificationEnvironment', () => {
  it('names what would stop the person, and nothing on a good browser', () => {
    expect(checkVerificationEnvironment({ isSecureContext: false, hasCamera: false })).toEqual([
      'insecure',
    ])
    expect(
      checkVerificationEnvironment({
        isSecureContext: true,
        hasCamera: true,
        userAgent: 'Mozilla/5.0 (Linux; Android 14; wv) AppleWebKit/537.36 Instagram 320.0',
      }),
    ).toEqual(['in_app'])
    expect(
      checkVerificationEnvironment({
        isSecureContext: true,
        hasCamera: true,
        userAgent: 'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Version/18.0 Safari/605.1.15',
      }),
    ).toEqual([])
    // This test page itself (localhost is a secure context with a camera API).
    expect(checkVerificationEnvironment()).toEqual([])
  })
})

import { render, screen, waitFor } from '@testing-library/react'
import { createRef } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { createStack } from '../../test/stack.tsx'
import { LikenessUIProvider } from '../i18n.tsx'
import { checkVerificationEnvironment } from './environment.ts'
import { VerifyButton, type VerifyButtonProps } from './index.ts'

/** The button, in a new stack unless one is given, with a spy for where it would send the person. */
function renderButton(props: VerifyButtonProps = {}, stack = createStack()) {
  const navigate = vi.fn()
  render(
    <stack.Provider>
      <VerifyButton navigate={navigate} checkEnvironment={false} {...props} />
    </stack.Provider>,
  )
  return { stack, navigate }
}

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
    const { navigate } = renderButton({ onError, returnTo: '/studio' }, stack)
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
    const { navigate } = renderButton({}, stack)
    const button = await screen.findByRole('button', { name: 'Verified' })
    expect(button).toHaveAttribute('aria-disabled', 'true')
    await userEvent.click(button, { force: true })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(navigate).not.toHaveBeenCalled()
    expect(screen.getByRole('status')).toHaveTextContent('You are verified')
  })

  it('lets a host cancel the start from its own click handler', async () => {
    const { navigate } = renderButton({
      onClick: (event) => {
        event.preventDefault()
      },
    })
    await userEvent.click(await screen.findByRole('button', { name: 'Verify it’s you' }))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(navigate).not.toHaveBeenCalled()
  })

  it('returns focus to the button when the environment notice is dismissed', async () => {
    const { navigate } = renderButton({
      returnTo: '/studio',
      checkEnvironment: () =>
        checkVerificationEnvironment({ isSecureContext: true, hasCamera: false }),
    })
    const button = await screen.findByRole('button', { name: 'Verify it’s you' })
    await userEvent.click(button)
    expect(await screen.findByRole('alert')).toHaveTextContent('cannot use a camera')
    await userEvent.click(screen.getByRole('button', { name: 'Not now' }))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(button).toHaveFocus()
    expect(navigate).not.toHaveBeenCalled()
  })
})

describe('VerifyButton slots', () => {
  it('gives each part the class and style asked for by its slot name', async () => {
    const stack = createStack()
    render(
      <stack.Provider>
        <VerifyButton
          navigate={vi.fn()}
          returnTo="/studio"
          checkEnvironment={() => ['in_app']}
          className="own"
          classNames={{
            root: 'x-root',
            row: 'x-row',
            trigger: 'x-trigger',
            status: 'x-status',
            cancel: 'x-cancel',
            notice: 'x-notice',
            noticeActions: 'x-actions',
            noticeButton: 'x-action',
          }}
          styles={{ trigger: { letterSpacing: '2px' }, notice: { borderWidth: '3px' } }}
        />
      </stack.Provider>,
    )
    const trigger = await screen.findByRole('button', { name: 'Verify it’s you' })
    expect(trigger).toHaveAttribute('class', 'lk-button lk-verify-trigger x-trigger own')
    expect(trigger).toHaveStyle({ letterSpacing: '2px' })
    const row = trigger.parentElement!
    expect(row).toHaveAttribute('class', 'lk-verify-row x-row')
    expect(row.parentElement).toHaveAttribute('class', 'lk-root lk-verify x-root')
    // Hidden while empty: found by its role attribute.
    expect(document.querySelector('[role="status"]')).toHaveAttribute(
      'class',
      'lk-verify-status x-status',
    )

    await userEvent.click(trigger)
    const notice = await screen.findByRole('alert')
    expect(notice).toHaveAttribute('class', 'lk-alert lk-verify-notice x-notice')
    expect(notice).toHaveStyle({ borderWidth: '3px' })
    const copy = screen.getByRole('button', { name: 'Copy link' })
    expect(copy.parentElement).toHaveAttribute('class', 'lk-verify-notice-actions x-actions')
    for (const name of ['Continue anyway', 'Copy link', 'Not now']) {
      expect(screen.getByRole('button', { name })).toHaveAttribute('class', 'lk-button x-action')
    }

    await userEvent.click(screen.getByRole('button', { name: 'Continue anyway' }))
    const cancel = await screen.findByRole('button', { name: 'Cancel' })
    expect(cancel).toHaveAttribute('class', 'lk-button lk-verify-cancel x-cancel')
    expect(cancel).toHaveAttribute('data-variant', 'ghost')
  })

  it('keeps the host’s classes and styles when unstyled, over the part’s own', async () => {
    const stack = createStack()
    await stack.backend.verify(stack.user)
    const trigger = createRef<HTMLButtonElement>()
    render(
      <stack.Provider>
        <VerifyButton.Root
          unstyled
          checkEnvironment={false}
          classNames={{ root: 'x-root', trigger: 'x-trigger', checkIcon: 'x-check' }}
          styles={{ trigger: { color: 'rgb(255, 0, 0)' }, status: { paddingTop: '5px' } }}
        >
          <VerifyButton.Trigger
            ref={trigger}
            className="own"
            style={{ color: 'rgb(0, 0, 255)', paddingLeft: '7px' }}
          />
          <VerifyButton.Status className="own-status" />
        </VerifyButton.Root>
      </stack.Provider>,
    )
    const button = await screen.findByRole('button', { name: 'Verified' })
    expect(trigger.current).toBe(button)
    expect(button).toHaveAttribute('class', 'x-trigger own')
    // The slot's style is merged over the part's own.
    expect(button).toHaveStyle({ color: 'rgb(255, 0, 0)', paddingLeft: '7px' })
    expect(button.querySelector('svg')).toHaveAttribute('class', 'x-check')
    expect(button.parentElement).toHaveAttribute('class', 'x-root')
    const status = screen.getByRole('status')
    expect(status).toHaveAttribute('class', 'own-status')
    expect(status).toHaveStyle({ paddingTop: '5px' })
    expect(status).toHaveAttribute('data-state', 'verified')
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

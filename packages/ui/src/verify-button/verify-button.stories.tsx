import { LikenessError, type HostAdapter } from '@likeness/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, waitFor } from 'storybook/test'
import { createStack, type Stack } from '../../test/stack.tsx'
import { checkVerificationEnvironment } from './environment.ts'
import { VerifyButton } from './index.ts'

type Loaded = { stack: Stack; links: string[] }

/** Builds the story's own page over the in-page stack, after `prepare` set the scene. */
const scene =
  (
    prepare: (stack: Stack) => Promise<void> = () => Promise.resolve(),
    decorate?: (adapter: HostAdapter) => HostAdapter,
  ) =>
  async (): Promise<Loaded> => {
    const stack = createStack(decorate ? { decorate } : {})
    await prepare(stack)
    return { stack, links: [] }
  }

/** Starts a verification as the person would, and plays the liveness page with an outcome. */
const finishWith = (outcome: 'pass' | 'fail' | 'cancel' | 'mismatch') => async (stack: Stack) => {
  const { url } = await stack.adapter.startVerification({ mode: 'redirect', returnTo: '/' })
  await stack.backend.completeLiveness(url, outcome)
}

const never = () => new Promise<never>(() => undefined)

const meta = {
  title: 'Components/VerifyButton',
  component: VerifyButton,
  // Autodocs shows the props of every part beside the ready-made button.
  subcomponents: {
    'VerifyButton.Root': VerifyButton.Root,
    'VerifyButton.Trigger': VerifyButton.Trigger,
    'VerifyButton.Status': VerifyButton.Status,
    'VerifyButton.Cancel': VerifyButton.Cancel,
    'VerifyButton.EnvironmentNotice': VerifyButton.EnvironmentNotice,
  },
  args: { onVerified: fn(), onError: fn(), checkEnvironment: false, returnTo: '/studio' },
  argTypes: {
    mode: { control: 'inline-radio', options: ['redirect', 'popup'] },
    size: { control: 'inline-radio', options: ['small', 'medium', 'large'] },
    variant: { control: 'inline-radio', options: ['primary', 'secondary'] },
  },
  loaders: [scene()],
  render: (args, { loaded }) => {
    const { stack, links } = loaded as Loaded
    return (
      <stack.Provider>
        <VerifyButton
          {...args}
          navigate={(url) => {
            // In Storybook the liveness page is not opened; the link is kept for the play.
            links.push(url)
          }}
        />
      </stack.Provider>
    )
  },
} satisfies Meta<typeof VerifyButton>

export default meta
type Story = StoryObj<typeof meta>

/** Never verified: one clear call to action. Clicking goes to the liveness page. */
export const Idle: Story = {
  play: async ({ canvas, userEvent, loaded, args }) => {
    const { stack, links } = loaded as Loaded
    const button = await canvas.findByRole('button', { name: /verify it’s you|验证本人/i })
    await userEvent.click(button)
    await waitFor(() => expect(links).toHaveLength(1))
    await expect(links[0]).toContain('/h5/')
    // The person passes on the liveness page and comes back: the server has the truth.
    await stack.backend.completeLiveness(links[0] ?? '', 'pass')
    await stack.queryClient.invalidateQueries()
    await canvas.findByRole('button', { name: /verified|已验证/i })
    await waitFor(() => expect(args.onVerified).toHaveBeenCalledTimes(1))
  },
}

/** Before the server has answered whether the person is verified. */
export const Loading: Story = {
  loaders: [scene(undefined, (adapter) => ({ ...adapter, getVerification: never }))],
  play: async ({ canvas }) => {
    const button = await canvas.findByRole('button')
    await expect(button).toHaveAttribute('aria-busy', 'true')
    await expect(button).toHaveAttribute('data-state', 'loading')
  },
}

/** Asking the server for a liveness link takes a moment. */
export const Starting: Story = {
  loaders: [scene(undefined, (adapter) => ({ ...adapter, startVerification: never }))],
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button'))
    await waitFor(() =>
      expect(canvas.getByRole('button')).toHaveAttribute('data-state', 'starting'),
    )
  },
}

const started = scene(async (stack) => {
  await stack.adapter.startVerification({ mode: 'redirect', returnTo: '/' })
})

/** The person is on the liveness page (another tab, or they came back early). */
export const Pending: Story = {
  loaders: [started],
  play: async ({ canvas }) => {
    await canvas.findByText(/waiting for you to finish|等待你完成核验/i)
    await expect(canvas.getByRole('button', { name: /cancel|取消/i })).toBeVisible()
  },
}

/** Waiting in popup mode: the hint points at the window that opened. */
export const PendingPopup: Story = {
  args: { mode: 'popup' },
  loaders: [started],
}

/** Cancel while waiting ends the verification. */
export const CancelWhilePending: Story = {
  loaders: [started],
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: /cancel|取消/i }))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(/cancel|取消/i))
  },
}

/** Done: a check, and nothing left to click. */
export const Verified: Story = {
  loaders: [scene(finishWith('pass'))],
  play: async ({ canvas }) => {
    const button = await canvas.findByRole('button', { name: /verified|已验证/i })
    await expect(button).toHaveAttribute('aria-disabled', 'true')
  },
}

/** The liveness check did not pass: the reason, and a retry. */
export const Failed: Story = {
  loaders: [scene(finishWith('fail'))],
  play: async ({ canvas }) => {
    await canvas.findByRole('button', { name: /try again|重试/i })
    await expect(canvas.getByRole('status')).toHaveTextContent(/did not pass|未通过/)
  },
}

/** The person cancelled on the liveness page: not a failure, and they can start again. */
export const Cancelled: Story = {
  loaders: [scene(finishWith('cancel'))],
  play: async ({ canvas }) => {
    await canvas.findByRole('button', { name: /try again|重试/i })
    await expect(canvas.getByRole('status')).toHaveTextContent(/verification cancelled|验证已取消/i)
  },
}

/** The link was left open too long: start again. */
export const Expired: Story = {
  loaders: [
    scene(undefined, (adapter) => ({
      ...adapter,
      getVerification: () =>
        Promise.resolve({
          id: 'verification-expired',
          status: 'pending',
          mode: 'redirect' as const,
          createdAt: new Date(Date.now() - 3_600_000).toISOString(),
          updatedAt: new Date(Date.now() - 3_600_000).toISOString(),
          expiresAt: new Date(Date.now() - 60_000).toISOString(),
        }),
    })),
  ],
  play: async ({ canvas }) => {
    await canvas.findByRole('button', { name: /start again|重新开始/i })
  },
}

/** Starting failed (the network is down): what happened, and a retry. */
export const StartError: Story = {
  loaders: [
    scene(undefined, (adapter) => ({
      ...adapter,
      startVerification: () => Promise.reject(new LikenessError('network')),
    })),
  ],
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(await canvas.findByRole('button'))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(/connection|网络/))
    await expect(args.onError).toHaveBeenCalled()
  },
}

/** Opened inside an app's built-in browser: guidance instead of a dead end. */
export const InAppBrowser: Story = {
  args: {
    checkEnvironment: () =>
      checkVerificationEnvironment({
        userAgent: 'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.50',
        isSecureContext: true,
        hasCamera: true,
      }),
  },
  play: async ({ canvas, userEvent, loaded }) => {
    const { links } = loaded as Loaded
    await userEvent.click(await canvas.findByRole('button', { name: /verify it’s you|验证本人/i }))
    const notice = await canvas.findByRole('alert')
    await expect(notice).toHaveTextContent(/built-in browser|内置浏览器/)
    await expect(links).toHaveLength(0)
    await userEvent.click(canvas.getByRole('button', { name: /continue anyway|仍然继续/i }))
    await waitFor(() => expect(links).toHaveLength(1))
  },
}

/** No HTTPS and no camera API. */
export const InsecurePage: Story = {
  args: {
    checkEnvironment: () =>
      checkVerificationEnvironment({ isSecureContext: false, hasCamera: false, userAgent: '' }),
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button'))
    await expect(await canvas.findByRole('alert')).toHaveTextContent(/https/)
  },
}

/** Sizes and variants side by side. */
export const SizesAndVariants: Story = {
  render: (args, { loaded }) => {
    const { stack } = loaded as Loaded
    return (
      <stack.Provider>
        <div style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'start' }}>
          <VerifyButton {...args} size="small" />
          <VerifyButton {...args} size="medium" />
          <VerifyButton {...args} size="large" />
          <VerifyButton {...args} variant="secondary" />
        </div>
      </stack.Provider>
    )
  },
}

/** `asChild`: the host's own element (here a link) with our behaviour and label. */
export const AsChild: Story = {
  render: (args, { loaded }) => {
    const { stack } = loaded as Loaded
    return (
      <stack.Provider>
        <VerifyButton {...args} asChild>
          <a href="#verify">placeholder</a>
        </VerifyButton>
      </stack.Provider>
    )
  },
  play: async ({ canvas }) => {
    const link = await canvas.findByRole('link', { name: /verify it’s you|验证本人/i })
    await expect(link).toHaveAttribute('data-state', 'idle')
  },
}

/** `unstyled`: behaviour and data attributes only, for a host's own look. */
export const Unstyled: Story = { args: { unstyled: true } }

/** The parts on their own: status first, then a secondary trigger. */
export const Parts: Story = {
  loaders: [scene(finishWith('fail'))],
  render: (_args, { loaded }) => {
    const { stack } = loaded as Loaded
    return (
      <stack.Provider>
        <VerifyButton.Root checkEnvironment={false}>
          <VerifyButton.Status />
          <VerifyButton.Trigger variant="secondary" size="small" />
        </VerifyButton.Root>
      </stack.Provider>
    )
  },
}

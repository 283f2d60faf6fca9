import type { Asset, HostAdapter, VideoReference } from '@likeness/core'
import type { SimulatorTimings } from '@likeness/easyrouter-sim'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, waitFor, within } from 'storybook/test'
import { createInPageBackend } from '../../test/backend.ts'
import { createStack, type Stack } from '../../test/stack.tsx'
import { VideoComposer } from './index.ts'

type Loaded = { stack: Stack; asset: Asset }

interface SceneOptions {
  timings?: SimulatorTimings
  decorate?: (adapter: HostAdapter) => HostAdapter
  /** Sets the scene once the person is verified and has one ready portrait. */
  prepare?: (stack: Stack) => Promise<void>
}

/** The story's own page: a fresh stack, a verified person with one ready portrait. */
const scene =
  ({ timings, decorate, prepare }: SceneOptions = {}) =>
  async (): Promise<Loaded> => {
    const backend = createInPageBackend({
      timings: { assetProcessingMs: 0, videoQueuedMs: 300, videoGenerationMs: 2500, ...timings },
    })
    const stack = createStack(decorate ? { backend, decorate } : { backend })
    await backend.verify(stack.user)
    const asset = await backend.upload(stack.user, 'portrait.png')
    await prepare?.(stack)
    return { stack, asset }
  }

/** A job submitted before "the reload": the composer picks it up from storage. */
const submittedEarlier = (prompt: string) => async (stack: Stack) => {
  const job = await stack.backend.createJob(stack.user, prompt)
  stack.storage.set('likeness:video-job', job.id)
}

const never = () => new Promise<never>(() => undefined)

// Both languages, as the stories also run dark in Chinese.
const text = {
  prompt: /describe your video|描述你想要的视频/i,
  submit: /generate video|生成视频/i,
  add: /add portrait|添加人像/i,
  done: /^(done|完成)$/i,
  tryAgain: /try again|重试/i,
  model: /^(model|模型)$/i,
  fast: /seedance 2.0 (fast|极速版)/i,
}

const meta = {
  title: 'Components/VideoComposer',
  component: VideoComposer,
  // Autodocs shows the props of every part beside the ready-made composer.
  subcomponents: {
    'VideoComposer.Root': VideoComposer.Root,
    'VideoComposer.Prompt': VideoComposer.Prompt,
    'VideoComposer.References': VideoComposer.References,
    'VideoComposer.Settings': VideoComposer.Settings,
    'VideoComposer.Model': VideoComposer.Model,
    'VideoComposer.Duration': VideoComposer.Duration,
    'VideoComposer.Resolution': VideoComposer.Resolution,
    'VideoComposer.Ratio': VideoComposer.Ratio,
    'VideoComposer.Seed': VideoComposer.Seed,
    'VideoComposer.Audio': VideoComposer.Audio,
    'VideoComposer.Watermark': VideoComposer.Watermark,
    'VideoComposer.SubmitButton': VideoComposer.SubmitButton,
    'VideoComposer.Status': VideoComposer.Status,
    'VideoComposer.RecentJobs': VideoComposer.RecentJobs,
  },
  tags: ['autodocs'],
  args: { onSubmitted: fn(), onCompleted: fn(), onFailed: fn() },
  loaders: [scene()],
  render: (args, { loaded }) => {
    const { stack } = loaded as Loaded
    return (
      <stack.Provider>
        <VideoComposer {...args} />
      </stack.Provider>
    )
  },
} satisfies Meta<typeof VideoComposer>

export default meta
type Story = StoryObj<typeof meta>

/** An empty form: the example prompt in the person's language, default settings. */
export const Idle: Story = {
  play: async ({ canvas }) => {
    const prompt = await canvas.findByRole('textbox', { name: text.prompt })
    await expect(prompt).toHaveValue('')
    await expect(prompt.getAttribute('placeholder')).toMatch(/beach|海边/)
    await expect(canvas.getByRole('button', { name: text.submit })).toBeEnabled()
  },
}

function ControlledReferences({ asset }: { asset: Asset }) {
  // The host owns the selection, as it would when an AssetGallery feeds the composer.
  const [references, setReferences] = useState<readonly VideoReference[]>([
    { assetId: asset.id, role: 'first_frame' },
  ])
  return (
    <VideoComposer
      references={references}
      onReferencesChange={setReferences}
      defaultValues={{ prompt: '画面中的我，穿着宇航服在月球上行走' }}
    />
  )
}

/** A ready portrait chosen as the first frame, the selection held by the host. */
export const WithReferences: Story = {
  render: (_args, { loaded }) => {
    const { stack, asset } = loaded as Loaded
    return (
      <stack.Provider>
        <ControlledReferences asset={asset} />
      </stack.Provider>
    )
  },
  play: async ({ canvas, canvasElement, loaded }) => {
    const { asset } = loaded as Loaded
    await canvas.findByText(`asset://${asset.id}`)
    await expect(await canvas.findByRole('combobox', { name: /portrait.png/ })).toHaveValue(
      'first_frame',
    )
    // The thumbnail comes with the list of ready portraits.
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-role="first_frame"] img')).not.toBeNull(),
    )
  },
}

/** The portrait picker, open: the person's ready portraits, each a toggle. */
export const ReferencePicker: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: text.add }))
    const dialog = within(canvasElement).getByRole('dialog')
    const choice = await within(dialog).findByRole('button', { name: 'portrait.png' })
    await userEvent.click(choice)
    await expect(choice).toHaveAttribute('aria-pressed', 'true')
  },
}

/** Submitting an empty prompt and a fractional seed: each message beside its field. */
export const ValidationErrors: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(await canvas.findByRole('spinbutton'), '1.5')
    await userEvent.click(canvas.getByRole('button', { name: text.submit }))
    const prompt = canvas.getByRole('textbox', { name: text.prompt })
    await waitFor(() => expect(prompt).toHaveFocus())
    await expect(prompt).toHaveAttribute('aria-invalid', 'true')
    await expect(prompt).toHaveAccessibleDescription(/describe the video|请描述你想要的视频/i)
    await expect(canvas.getByRole('spinbutton')).toHaveAccessibleDescription(/whole number|整数/i)
  },
}

/** The fast model stops at 720p: 1080p is disabled with the reason, and was lowered. */
export const Resolution1080Disabled: Story = {
  args: { defaultValues: { resolution: '1080p' } },
  play: async ({ canvas, userEvent }) => {
    await userEvent.selectOptions(
      await canvas.findByRole('combobox', { name: text.model }),
      canvas.getByRole('option', { name: text.fast }),
    )
    await expect(canvas.getByRole('radio', { name: '1080p' })).toBeDisabled()
    await expect(canvas.getByRole('radio', { name: '720p' })).toBeChecked()
    await expect(canvas.getByText(/720p/, { selector: '[role="status"]' })).toBeVisible()
  },
}

/** The request is on its way (the server is made to take its time). */
export const Submitting: Story = {
  loaders: [scene({ decorate: (adapter) => ({ ...adapter, createVideoJob: never }) })],
  args: { defaultValues: { prompt: 'A paper boat drifting down a rainy street' } },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: text.submit }))
    await canvas.findByRole('button', { name: /sending|正在提交/i })
    await expect(canvas.getByRole('textbox', { name: text.prompt })).toBeDisabled()
  },
}

/** Waiting in line, picked up again after a reload. */
export const Queued: Story = {
  loaders: [
    scene({
      timings: { videoQueuedMs: 1e9 },
      prepare: submittedEarlier('A lighthouse at dusk, waves crashing'),
    }),
  ],
  play: async ({ canvas }) => {
    await canvas.findByText(/waiting in line|排队中/i, { selector: 'p' })
  },
}

/** Generating: a progress bar with its percentage and the time elapsed. */
export const InProgress: Story = {
  loaders: [
    scene({
      timings: { videoQueuedMs: 0, videoGenerationMs: 60_000 },
      prepare: submittedEarlier('A hot-air balloon rising over misty hills'),
    }),
  ],
  play: async ({ canvas }) => {
    const bar = await canvas.findByRole('progressbar')
    await waitFor(() => expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0))
    await expect(canvas.getByText(/time elapsed|已用时/i)).toHaveTextContent(/\d:\d\d/)
  },
}

/**
 * The whole journey: write the prompt, choose a portrait and its role, pick a ratio, submit,
 * watch the progress, and play the finished video.
 */
export const Completed: Story = {
  play: async ({ canvas, userEvent, args, canvasElement }) => {
    await userEvent.type(
      await canvas.findByRole('textbox', { name: text.prompt }),
      'A slow walk along the beach at sunset',
    )
    await userEvent.click(canvas.getByRole('button', { name: text.add }))
    const dialog = within(canvasElement).getByRole('dialog')
    await userEvent.click(await within(dialog).findByRole('button', { name: 'portrait.png' }))
    await userEvent.click(within(dialog).getByRole('button', { name: text.done }))
    await userEvent.selectOptions(
      canvas.getByRole('combobox', { name: /portrait.png/ }),
      'first_frame',
    )
    await userEvent.click(canvas.getByRole('radio', { name: '9:16' }))
    await userEvent.click(canvas.getByRole('button', { name: text.submit }))

    const bar = await canvas.findByRole('progressbar', {}, { timeout: 4000 })
    await expect(bar).toHaveAttribute('aria-valuenow')
    const video = await waitFor(
      () => {
        const found = canvasElement.querySelector('video')
        if (!found) throw new Error('no video yet')
        return found
      },
      { timeout: 8000 },
    )
    await waitFor(() => expect(video.readyState).toBeGreaterThanOrEqual(2), { timeout: 8000 })
    await expect(canvas.getByRole('link', { name: /download|下载/i })).toHaveAttribute('href')
    await expect(args.onSubmitted).toHaveBeenCalledTimes(1)
    await waitFor(() => expect(args.onCompleted).toHaveBeenCalledTimes(1))
  },
}

/** The generation failed: the reason, and "try again" sends the same values once more. */
export const Failed: Story = {
  args: { defaultValues: { prompt: 'sim:fail A dancer on a rooftop', durationSeconds: 8 } },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(await canvas.findByRole('button', { name: text.submit }))
    const retry = await canvas.findByRole('button', { name: text.tryAgain }, { timeout: 8000 })
    await expect(canvas.getByText(/sim:fail/, { selector: 'p' })).toBeVisible()
    await waitFor(() => expect(args.onFailed).toHaveBeenCalledTimes(1))
    await userEvent.click(retry)
    await waitFor(() => expect(args.onSubmitted).toHaveBeenCalledTimes(2))
    await expect(canvas.getByRole('textbox', { name: text.prompt })).toHaveValue(
      'sim:fail A dancer on a rooftop',
    )
    await expect(canvas.getByRole('combobox', { name: /duration|时长/i })).toHaveValue('8')
  },
}

/** Recent videos, newest first; choosing one shows it. */
export const RecentJobs: Story = {
  loaders: [
    scene({
      timings: { videoQueuedMs: 0, videoGenerationMs: 200 },
      prepare: async (stack) => {
        const made = []
        for (const prompt of [
          'sim:fail A city skyline in heavy rain',
          'A cat napping in a sunny window',
          '一位穿着白色连衣裙的女孩在海边奔跑，镜头缓缓拉远',
        ]) {
          made.push(await stack.backend.createJob(stack.user, prompt))
        }
        await new Promise((resolve) => setTimeout(resolve, 300))
        // Reading each job lets the server store where it ended.
        await Promise.all(made.map((job) => stack.adapter.getVideoJob(job.id)))
      },
    }),
  ],
  play: async ({ canvas, userEvent }) => {
    const list = await canvas.findByRole('list', {}, { timeout: 4000 })
    const items = await within(list).findAllByRole('button')
    await expect(items).toHaveLength(3)
    await userEvent.click(within(list).getByRole('button', { name: /cat napping/ }))
    await waitFor(() =>
      expect(within(list).getByRole('button', { name: /cat napping/ })).toHaveAttribute(
        'aria-current',
        'true',
      ),
    )
    await canvas.findByRole('link', { name: /download|下载/i })
  },
  render: (args, { loaded }) => {
    const { stack } = loaded as Loaded
    return (
      <stack.Provider>
        <VideoComposer.Root {...args}>
          <VideoComposer.RecentJobs />
          <VideoComposer.Status />
        </VideoComposer.Root>
      </stack.Provider>
    )
  },
}

/** The parts on their own, rearranged: a compact two-column layout and the host's button. */
export const Parts: Story = {
  render: (args, { loaded }) => {
    const { stack } = loaded as Loaded
    return (
      <stack.Provider>
        <VideoComposer.Root {...args} style={{ maxWidth: '56rem' }}>
          <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: '1rem' }}>
            <VideoComposer.Prompt />
            <div style={{ display: 'grid', gap: '1rem', alignContent: 'start' }}>
              <VideoComposer.Model />
              <VideoComposer.Duration />
            </div>
          </div>
          <VideoComposer.Ratio />
          <VideoComposer.SubmitButton asChild>
            <button type="submit" style={{ borderRadius: 999 }}>
              Make it / 生成
            </button>
          </VideoComposer.SubmitButton>
          <VideoComposer.Status />
        </VideoComposer.Root>
      </stack.Provider>
    )
  },
  play: async ({ canvas }) => {
    const button = await canvas.findByRole('button', { name: /make it/i })
    await expect(button).toHaveAttribute('type', 'submit')
    await expect(button).toHaveAttribute('data-status', 'idle')
    await expect(canvas.queryByRole('spinbutton')).toBeNull()
  },
}

/** `unstyled`: behaviour, labels and data attributes only, for a host's own look. */
export const Unstyled: Story = { args: { unstyled: true } }

import {
  buildAssetUri,
  LikenessError,
  VIDEO_LIMITS,
  type Asset,
  type VideoJob,
  type VideoJobInput,
} from '@likeness/core'
import type { SimulatorTimings } from '@likeness/easyrouter-sim'
import { render, screen, waitFor, within } from '@testing-library/react'
import { createRef, type ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { createInPageBackend } from '../../test/backend.ts'
import { createStack, type Stack } from '../../test/stack.tsx'
import { LikenessUIProvider } from '../i18n.tsx'
import { VideoComposer } from './index.ts'

interface Setup {
  stack: Stack
  asset: Asset
  /** Every input the composer handed to `createVideoJob`, in order. */
  sent: VideoJobInput[]
}

/** A verified person with one ready portrait, and an adapter that records what is sent. */
async function prepare(timings: SimulatorTimings = {}): Promise<Setup> {
  const backend = createInPageBackend({
    timings: { assetProcessingMs: 0, videoQueuedMs: 100, videoGenerationMs: 500, ...timings },
  })
  const sent: VideoJobInput[] = []
  const stack = createStack({
    backend,
    decorate: (adapter) => ({
      ...adapter,
      createVideoJob: (input, options) => {
        sent.push(input)
        return adapter.createVideoJob(input, options)
      },
    }),
  })
  await backend.verify(stack.user)
  const asset = await backend.upload(stack.user, 'portrait.png')
  return { stack, asset, sent }
}

function show(stack: Stack, element: ReactNode) {
  return render(<stack.Provider>{element}</stack.Provider>)
}

const submitButton = () => screen.getByRole('button', { name: 'Generate video' })
const promptBox = () => screen.getByRole('textbox', { name: 'Describe your video' })

/** Opens the portrait picker and toggles the named portraits. */
async function pick(...names: string[]) {
  await userEvent.click(screen.getByRole('button', { name: 'Add portrait' }))
  const dialog = screen.getByRole('dialog', { name: 'Choose portraits' })
  for (const name of names) {
    await userEvent.click(await within(dialog).findByRole('button', { name }))
  }
  await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }))
  await waitFor(() => {
    expect(dialog).not.toBeVisible()
  })
}

describe('VideoComposer', () => {
  it('shows each issue beside its field, focuses the first, and sends nothing', async () => {
    const { stack, sent } = await prepare()
    show(
      stack,
      <VideoComposer
        defaultValues={{
          model: 'dreamina-seedance-2-0-fast',
          resolution: '1080p',
          durationSeconds: 20,
        }}
      />,
    )
    await userEvent.fill(screen.getByRole('spinbutton', { name: 'Seed' }), '-5')
    await userEvent.click(submitButton())

    const prompt = promptBox()
    await waitFor(() => {
      expect(prompt).toHaveFocus()
    })
    expect(prompt).toHaveAttribute('aria-invalid', 'true')
    expect(prompt).toHaveAccessibleDescription('Describe the video you want. 0 / 2000 characters')
    const duration = screen.getByRole('combobox', { name: 'Duration' })
    expect(duration).toHaveAttribute('aria-invalid', 'true')
    expect(duration).toHaveAccessibleDescription('Choose 4 to 15 seconds.')
    const resolution = screen.getByRole('radiogroup', { name: 'Resolution' })
    expect(resolution).toHaveAttribute('aria-invalid', 'true')
    expect(resolution).toHaveAccessibleDescription(
      /Seedance 2.0 Fast goes up to 720p. Choose a lower resolution./,
    )
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toHaveAccessibleDescription(
      /Use a whole number from 0 to 4294967295, or leave it empty./,
    )
    expect(screen.getByRole('combobox', { name: 'Model' })).not.toHaveAttribute('aria-invalid')
    expect(document.querySelector('form')).toHaveAttribute('data-invalid')
    expect(sent).toHaveLength(0)

    // Editing a field clears its own mark only; the next submit focuses the next invalid one.
    await userEvent.fill(prompt, 'A walk in the park')
    expect(prompt).not.toHaveAttribute('aria-invalid')
    expect(duration).toHaveAttribute('aria-invalid', 'true')
    await userEvent.click(submitButton())
    await waitFor(() => {
      expect(duration).toHaveFocus()
    })
    expect(sent).toHaveLength(0)
  })

  it('counts the prompt in code points and marks it past the limit', async () => {
    const { stack } = await prepare()
    const long = '海'.repeat(VIDEO_LIMITS.promptMaxLength + 1)
    show(stack, <VideoComposer defaultValues={{ prompt: long }} />)
    const prompt = promptBox()
    expect(prompt).toHaveAttribute('aria-invalid', 'true')
    expect(prompt).toHaveAccessibleDescription('2001 / 2000 characters')
    await userEvent.click(submitButton())
    await waitFor(() => {
      expect(prompt).toHaveAccessibleDescription(/Use at most 2000 characters; this has 2001\./)
    })
  })

  it('speaks Chinese and takes string overrides', async () => {
    const { stack } = await prepare()
    show(
      stack,
      <LikenessUIProvider locale="zh-CN" messages={{ 'composer.submit': '开始生成' }}>
        <VideoComposer messages={{ 'composer.issue.seed.out_of_range': '种子不对' }} />
      </LikenessUIProvider>,
    )
    const prompt = screen.getByRole('textbox', { name: '描述你想要的视频' })
    expect(prompt).toHaveAttribute(
      'placeholder',
      '一位穿着白色连衣裙的女孩在海边奔跑，镜头缓缓拉远',
    )
    await userEvent.fill(screen.getByRole('spinbutton', { name: '随机种子' }), '1.5')
    await userEvent.click(screen.getByRole('button', { name: '开始生成' }))
    await waitFor(() => {
      expect(prompt).toHaveAccessibleDescription(/请描述你想要的视频。/)
    })
    expect(screen.getByRole('spinbutton', { name: '随机种子' })).toHaveAccessibleDescription(
      /种子不对/,
    )
  })

  it('lowers 1080p to 720p when the fast model is chosen, and says why', async () => {
    const { stack } = await prepare()
    show(stack, <VideoComposer defaultValues={{ resolution: '1080p' }} />)
    const full = screen.getByRole('radio', { name: '1080p' })
    expect(full).toBeChecked()
    expect(full).toBeEnabled()

    const model = screen.getByRole('combobox', { name: 'Model' })
    await userEvent.selectOptions(model, 'dreamina-seedance-2-0-fast')
    expect(full).toBeDisabled()
    expect(screen.getByRole('radio', { name: '720p' })).toBeChecked()
    const resolution = screen.getByRole('radiogroup', { name: 'Resolution' })
    expect(resolution).toHaveAccessibleDescription(
      'Seedance 2.0 Fast goes up to 720p, so the resolution is now 720p.',
    )
    // The explanation is a polite live region, so it is also announced.
    expect(screen.getByText(/so the resolution is now 720p/)).toHaveAttribute('role', 'status')

    await userEvent.selectOptions(model, 'dreamina-seedance-2-0')
    expect(full).toBeEnabled()
    expect(screen.getByRole('radio', { name: '720p' })).toBeChecked()
    expect(resolution).not.toHaveAccessibleDescription(/720p/)
  })

  it('randomises the seed to a whole number Seedance accepts', async () => {
    const { stack } = await prepare()
    show(stack, <VideoComposer />)
    const seed = screen.getByRole('spinbutton', { name: 'Seed' })
    expect(seed).toHaveValue(null)
    const seen = new Set<number>()
    for (let i = 0; i < 5; i++) {
      await userEvent.click(screen.getByRole('button', { name: 'Randomise' }))
      const value = Number((seed as HTMLInputElement).value)
      expect(Number.isInteger(value)).toBe(true)
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThanOrEqual(VIDEO_LIMITS.maxSeed)
      seen.add(value)
    }
    expect(seen.size).toBeGreaterThan(1)
  })

  it('changes a portrait’s role and removes portraits, keeping the keyboard in place', async () => {
    const { stack, asset } = await prepare()
    const second = await stack.backend.upload(stack.user, 'second.png')
    const onReferencesChange = vi.fn()
    show(stack, <VideoComposer onReferencesChange={onReferencesChange} />)
    await pick('portrait.png', 'second.png')
    expect(onReferencesChange).toHaveBeenLastCalledWith([
      { assetId: asset.id, role: 'reference_image' },
      { assetId: second.id, role: 'reference_image' },
    ])
    expect(screen.getByText(buildAssetUri(asset.id))).toBeVisible()

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Use of portrait.png' }),
      'last_frame',
    )
    expect(onReferencesChange).toHaveBeenLastCalledWith([
      { assetId: asset.id, role: 'last_frame' },
      { assetId: second.id, role: 'reference_image' },
    ])
    expect(document.querySelector('[data-role="last_frame"]')).toHaveTextContent('portrait.png')

    await userEvent.click(screen.getByRole('button', { name: 'Remove portrait.png' }))
    expect(onReferencesChange).toHaveBeenLastCalledWith([
      { assetId: second.id, role: 'reference_image' },
    ])
    expect(screen.queryByRole('combobox', { name: 'Use of portrait.png' })).toBeNull()
    const removeSecond = screen.getByRole('button', { name: 'Remove second.png' })
    await waitFor(() => {
      expect(removeSecond).toHaveFocus()
    })
    await userEvent.click(removeSecond)
    expect(onReferencesChange).toHaveBeenLastCalledWith([])
    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Add portrait' })).toHaveFocus()
    })
  })

  it('moves through the ratio shapes with the arrow keys, as one tab stop', async () => {
    const { stack } = await prepare()
    show(stack, <VideoComposer />)
    const group = screen.getByRole('radiogroup', { name: 'Aspect ratio' })
    const wide = within(group).getByRole('radio', { name: '16:9' })
    expect(wide).toBeChecked()
    wide.focus()
    // Held down as a person's key is (Radix checks the radio that focus moved to meanwhile).
    const press = async (key: string) => {
      await userEvent.keyboard(`{${key}>}`)
      await userEvent.keyboard(`{/${key}}`)
    }
    await press('ArrowRight')
    const classic = within(group).getByRole('radio', { name: '4:3' })
    expect(classic).toHaveFocus()
    expect(classic).toBeChecked()
    await press('ArrowLeft')
    await press('ArrowLeft')
    const adaptive = within(group).getByRole('radio', { name: 'Adaptive' })
    expect(adaptive).toHaveFocus()
    expect(adaptive).toBeChecked()
    await userEvent.tab()
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toHaveFocus()
  })

  it('sends the chosen settings and portraits, which the server keeps with the job', async () => {
    const { stack, asset, sent } = await prepare()
    const onSubmitted = vi.fn<(job: VideoJob) => void>()
    show(stack, <VideoComposer onSubmitted={onSubmitted} storageKey={false} />)
    await userEvent.fill(promptBox(), '  画面中的我，穿着宇航服在月球上行走  ')
    await pick('portrait.png')
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Use of portrait.png' }),
      'first_frame',
    )
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Model' }),
      'dreamina-seedance-2-0-fast',
    )
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Duration' }), '8')
    await userEvent.click(screen.getByRole('radio', { name: '480p' }))
    await userEvent.click(screen.getByRole('radio', { name: '9:16' }))
    await userEvent.fill(screen.getByRole('spinbutton', { name: 'Seed' }), '42')
    await userEvent.click(screen.getByRole('switch', { name: 'Generate audio' }))
    await userEvent.click(screen.getByRole('switch', { name: 'Add watermark' }))
    await userEvent.click(submitButton())

    await waitFor(() => {
      expect(onSubmitted).toHaveBeenCalledTimes(1)
    })
    const expected = {
      model: 'dreamina-seedance-2-0-fast',
      prompt: '画面中的我，穿着宇航服在月球上行走',
      durationSeconds: 8,
      resolution: '480p',
      ratio: '9:16',
      seed: 42,
      generateAudio: false,
      watermark: true,
      references: [{ assetId: asset.id, role: 'first_frame' }],
    }
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ ...expected, prompt: expect.stringContaining('宇航服') })
    const job = onSubmitted.mock.calls[0]?.[0]
    const stored = await stack.adapter.getVideoJob(job?.id ?? '')
    expect(stored.input).toEqual(expected)
    // The server speaks to EasyRouter in asset:// references; the id is a well-formed one.
    expect(stored.input?.references?.map((item) => buildAssetUri(item.assetId))).toEqual([
      `asset://${asset.id}`,
    ])
    // While it runs the form is read-only and says so.
    expect(promptBox()).toBeDisabled()
    expect(document.querySelector('form')).toHaveAttribute('data-disabled')
  })

  it('marks a portrait the server refuses, and focuses it', async () => {
    const { stack } = await prepare({ assetProcessingMs: 1e9 })
    const pending = await stack.backend.upload(stack.user, 'pending.png')
    show(
      stack,
      <VideoComposer
        references={[{ assetId: pending.id, role: 'reference_image' }]}
        defaultValues={{ prompt: 'A walk' }}
      />,
    )
    await userEvent.click(submitButton())
    const role = screen.getByRole('combobox', { name: /^Use of / })
    await waitFor(() => {
      expect(role).toHaveFocus()
    })
    expect(role).toHaveAttribute('aria-invalid', 'true')
    expect(role).toHaveAccessibleDescription('This portrait is not ready, or not yours.')
  })

  it('tells a busy video service apart from a lost connection', async () => {
    const backend = createInPageBackend({ timings: { assetProcessingMs: 0 } })
    let failure = new LikenessError('upstream_unavailable', { status: 503 })
    const stack = createStack({
      backend,
      decorate: (adapter) => ({ ...adapter, createVideoJob: () => Promise.reject(failure) }),
    })
    await backend.verify(stack.user)
    show(stack, <VideoComposer />)
    await userEvent.fill(promptBox(), 'A quiet morning by the lake')
    await userEvent.click(submitButton())
    expect(await screen.findByText(/video service is busy or unavailable/)).toBeVisible()
    expect(screen.queryByText(/check your connection/i)).toBeNull()

    failure = new LikenessError('network')
    await userEvent.click(submitButton())
    expect(await screen.findByText(/could not reach the server/i)).toBeVisible()
  })

  it('brings back what a job was made from when it is picked up after a reload', async () => {
    const { stack, asset } = await prepare({ videoGenerationMs: 60_000 })
    const job = await stack.adapter.createVideoJob(
      {
        model: 'dreamina-seedance-2-0-fast',
        prompt: 'A slow pan across a rainy street',
        ratio: '9:16',
        references: [{ assetId: asset.id, role: 'first_frame' }],
      },
      { idempotencyKey: 'reload-restore-0001' },
    )
    stack.storage.set('likeness:video-job', job.id)
    show(stack, <VideoComposer />)
    await waitFor(() => {
      expect(promptBox()).toHaveValue('A slow pan across a rainy street')
    })
    expect(screen.getByRole('radio', { name: /9:16/ })).toBeChecked()
    expect(await screen.findByText(buildAssetUri(asset.id))).toBeVisible()
  })

  it('tries a failed job again with the same values', async () => {
    const { stack, asset, sent } = await prepare()
    const onFailed = vi.fn()
    show(
      stack,
      <VideoComposer
        onFailed={onFailed}
        defaultValues={{
          prompt: 'sim:fail A dancer on a rooftop',
          durationSeconds: 6,
          ratio: '1:1',
          seed: 7,
          references: [{ assetId: asset.id, role: 'last_frame' }],
        }}
      />,
    )
    await userEvent.click(submitButton())
    const retry = await screen.findByRole('button', { name: 'Try again' }, { timeout: 4000 })
    expect(screen.getByText(/Reason: .*sim:fail/)).toBeVisible()
    expect(document.querySelector('form')).toHaveAttribute('data-status', 'failed')
    await waitFor(() => {
      expect(onFailed).toHaveBeenCalledTimes(1)
    })

    await userEvent.click(retry)
    await waitFor(() => {
      expect(sent).toHaveLength(2)
    })
    expect(sent[1]).toEqual(sent[0])
    expect(promptBox()).toHaveValue('sim:fail A dancer on a rooftop')
    expect(screen.getByRole('combobox', { name: 'Duration' })).toHaveValue('6')
    expect(screen.getByRole('radio', { name: '1:1' })).toBeChecked()
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toHaveValue(7)
    expect(screen.getByRole('combobox', { name: 'Use of portrait.png' })).toHaveValue('last_frame')
    await screen.findByRole('button', { name: 'Try again' }, { timeout: 4000 })
    await waitFor(() => {
      expect(onFailed).toHaveBeenCalledTimes(2)
    })
  })

  it('follows a job to its video, announces it, and starts over with "new video"', async () => {
    // Longer than the server's shared poll answer (1.5 s), so each stage is seen.
    const { stack } = await prepare({ videoQueuedMs: 300, videoGenerationMs: 3000 })
    const onCompleted = vi.fn()
    show(stack, <VideoComposer onCompleted={onCompleted} defaultValues={{ durationSeconds: 4 }} />)
    await userEvent.fill(promptBox(), 'A cat napping in a sunny window')
    await userEvent.click(submitButton())
    const live = document.querySelector('form > [role="status"]')
    await waitFor(() => {
      expect(live).toHaveTextContent('Waiting in line')
    })
    const bar = await screen.findByRole(
      'progressbar',
      { name: 'Generating your video' },
      { timeout: 3000 },
    )
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(1)
    expect(live?.textContent).toMatch(/Generating your video: \d+% done/)
    expect(screen.getByText(/Time elapsed: \d:\d\d/)).toBeVisible()

    const download = await screen.findByRole('link', { name: 'Download video' }, { timeout: 6000 })
    expect(download.getAttribute('href')).toMatch(/^blob:/)
    expect(document.querySelector('video')).toHaveAttribute('controls')
    expect(live).toHaveTextContent('Your video is ready')
    await waitFor(() => {
      expect(onCompleted).toHaveBeenCalledTimes(1)
    })
    expect(stack.storage.get('likeness:video-job')).toBe(onCompleted.mock.calls[0]?.[0].id)

    await userEvent.click(screen.getByRole('button', { name: 'New video' }))
    expect(promptBox()).toHaveValue('')
    await waitFor(() => {
      expect(promptBox()).toHaveFocus()
    })
    expect(screen.getByRole('combobox', { name: 'Duration' })).toHaveValue('4')
    expect(document.querySelector('video')).toBeNull()
    expect(stack.storage.get('likeness:video-job')).toBeNull()

    // The finished job is in the recent list; choosing it shows it again.
    const recent = screen.getByRole('region', { name: 'Recent videos' })
    const item = await within(recent).findByRole('button', { name: /A cat napping/ })
    expect(item).toHaveAttribute('data-status', 'completed')
    await userEvent.click(item)
    await screen.findByRole('link', { name: 'Download video' })
    expect(item).toHaveAttribute('aria-current', 'true')
    // Starting over after watching a listed job shows nothing again, and the job once more.
    await userEvent.click(screen.getByRole('button', { name: 'New video' }))
    expect(screen.queryByRole('link', { name: 'Download video' })).toBeNull()
    await userEvent.click(within(recent).getByRole('button', { name: /A cat napping/ }))
    await screen.findByRole('link', { name: 'Download video' })
  })
})

describe('VideoComposer slots', () => {
  it('gives each part the class and style asked for by its slot name', async () => {
    const { stack, asset } = await prepare()
    show(
      stack,
      <VideoComposer
        className="own"
        defaultValues={{ references: [{ assetId: asset.id, role: 'first_frame' }] }}
        classNames={{
          root: 'x-root',
          prompt: 'x-prompt',
          label: 'x-label',
          control: 'x-control',
          count: 'x-count',
          chip: 'x-chip',
          chipRemove: 'x-remove',
          addButton: 'x-add',
          picker: 'x-picker',
          pickerChoice: 'x-choice',
          seedButton: 'x-seed-button',
          switch: 'x-switch',
          submitButton: 'x-submit',
          recentJobs: 'x-recent',
        }}
        styles={{
          root: { gap: '3px' },
          control: { letterSpacing: '1px' },
          ratioShape: { borderWidth: '4px' },
        }}
      />,
    )
    const form = document.querySelector('form')!
    expect(form).toHaveAttribute('class', 'lk-root lk-composer x-root own')
    expect(form).toHaveStyle({ gap: '3px' })

    const prompt = promptBox()
    expect(prompt).toHaveAttribute('class', 'lk-field x-control')
    expect(prompt).toHaveStyle({ letterSpacing: '1px' })
    expect(prompt.closest('.x-prompt')).toHaveAttribute(
      'class',
      'lk-composer-field lk-composer-prompt x-prompt',
    )
    expect(document.querySelector(`label[for="${prompt.id}"]`)).toHaveAttribute(
      'class',
      'lk-label x-label',
    )
    expect(screen.getByText('0 / 2000 characters')).toHaveAttribute(
      'class',
      'lk-hint lk-composer-count x-count',
    )
    // One name reaches every element of the slot: each select is a control too.
    expect(screen.getByRole('combobox', { name: 'Model' })).toHaveClass('lk-field', 'x-control')
    expect(screen.getByRole('combobox', { name: 'Duration' })).toHaveClass('x-control')

    const chip = (await screen.findByRole('combobox', { name: 'Use of portrait.png' })).closest(
      'li',
    )
    expect(chip).toHaveAttribute('class', 'lk-composer-chip x-chip')
    expect(screen.getByRole('button', { name: 'Remove portrait.png' })).toHaveAttribute(
      'class',
      'lk-button lk-composer-remove x-remove',
    )
    const add = screen.getByRole('button', { name: 'Add portrait' })
    expect(add).toHaveAttribute('class', 'lk-button x-add')
    await userEvent.click(add)
    const picker = screen.getByRole('dialog', { name: 'Choose portraits' })
    expect(picker).toHaveAttribute('class', 'lk-composer-picker x-picker')
    expect(await within(picker).findByRole('button', { name: 'portrait.png' })).toHaveAttribute(
      'class',
      'lk-composer-choice lk-focusable x-choice',
    )
    await userEvent.click(within(picker).getByRole('button', { name: 'Done' }))

    // The slot's style is merged over the element's own: the shape keeps its ratio.
    const shape = screen.getByRole('radio', { name: '16:9' }).querySelector('span')!
    expect(shape).toHaveStyle({ borderWidth: '4px' })
    expect(shape.style.getPropertyValue('--lk-ratio')).toBe(String(16 / 9))
    expect(screen.getByRole('button', { name: 'Randomise' })).toHaveAttribute(
      'class',
      'lk-button x-seed-button',
    )
    expect(screen.getByRole('switch', { name: 'Generate audio' })).toHaveAttribute(
      'class',
      'lk-composer-switch x-switch',
    )
    expect(submitButton()).toHaveAttribute('class', 'lk-button lk-composer-submit x-submit')
    expect(screen.getByRole('region', { name: 'Recent videos' })).toHaveAttribute(
      'class',
      'lk-composer-recent x-recent',
    )
  })

  it('keeps the host’s classes and styles when unstyled, with each part’s own', async () => {
    const backend = createInPageBackend({ timings: { assetProcessingMs: 0 } })
    const stack = createStack({
      backend,
      decorate: (adapter) => ({
        ...adapter,
        createVideoJob: () => Promise.reject(new LikenessError('network')),
      }),
    })
    await backend.verify(stack.user)
    const form = createRef<HTMLFormElement>()
    show(
      stack,
      <VideoComposer.Root
        ref={form}
        unstyled
        defaultValues={{ prompt: 'A walk' }}
        classNames={{ prompt: 'x-prompt', status: 'x-status', alert: 'x-alert', count: 'x-count' }}
        styles={{ prompt: { color: 'rgb(255, 0, 0)' }, status: { paddingTop: '6px' } }}
      >
        <VideoComposer.Prompt className="own" style={{ color: 'rgb(0, 0, 255)', margin: '2px' }} />
        <VideoComposer.SubmitButton />
        <VideoComposer.Status className="own-status" />
      </VideoComposer.Root>,
    )
    expect(form.current).toBe(document.querySelector('form'))
    expect(form.current).not.toHaveAttribute('class')
    const field = promptBox().parentElement!
    expect(field).toHaveAttribute('class', 'x-prompt own')
    expect(field).toHaveStyle({ color: 'rgb(255, 0, 0)', margin: '2px' })
    expect(promptBox()).not.toHaveAttribute('class')
    expect(screen.getByText('6 / 2000 characters')).toHaveAttribute('class', 'x-count')

    await userEvent.click(submitButton())
    const message = await screen.findByText(/could not reach the server/i)
    const alert = message.closest('[data-tone="danger"]')
    expect(alert).toHaveAttribute('class', 'x-alert')
    const status = alert!.parentElement!
    expect(status).toHaveAttribute('class', 'x-status own-status')
    expect(status).toHaveStyle({ paddingTop: '6px' })
  })
})

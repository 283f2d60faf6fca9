import type { VideoReference } from '@likeness/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, waitFor, within } from 'storybook/test'
import { PORTRAIT_PNG } from '../test/backend.ts'
import { SimulatedLiveness } from '../test/simulated-liveness.tsx'
import { createStack, type Stack } from '../test/stack.tsx'
import { AssetGallery } from './asset-gallery/index.ts'
import { VerifyButton } from './verify-button/index.ts'
import { VideoComposer } from './video-composer/index.ts'

// The story's own words (the components bring theirs from their catalogs).
const STEPS = {
  en: [
    ['1. Verify it’s you', 'A short face check on EasyRouter’s page proves a real person is here.'],
    [
      '2. Your likeness',
      'Add portraits of yourself. Each is checked against the verified face, then becomes Active.',
    ],
    [
      '3. Create a video',
      'Pick Active portraits as references, describe the scene, and generate a Seedance video.',
    ],
  ],
  'zh-CN': [
    ['1. 验证本人', '在 EasyRouter 的页面上做一次简短的人脸核验，证明是真人本人。'],
    ['2. 你的肖像', '添加你本人的照片。每张都会与已验证的人脸比对，通过后变为“可用”。'],
    ['3. 生成视频', '选择可用的肖像作为参考，描述画面，生成 Seedance 视频。'],
  ],
} as const

function Journey({ stack, locale }: { stack: Stack; locale: 'en' | 'zh-CN' }) {
  const [liveness, setLiveness] = useState<string | null>(null)
  const [references, setReferences] = useState<readonly VideoReference[]>([])
  const steps = STEPS[locale]
  const verifyProps = {
    navigate: setLiveness,
    returnTo: '/studio',
    checkEnvironment: false as const,
  }
  // The gallery's selection and the composer's references are one list: roles chosen in the
  // composer are kept for portraits that stay selected.
  const select = (ids: readonly string[]) => {
    setReferences(ids.map((id) => references.find((ref) => ref.assetId === id) ?? { assetId: id }))
  }
  return (
    <stack.Provider>
      <div className="lk-story-journey">
        <section aria-labelledby="journey-verify">
          <h2 id="journey-verify">{steps[0][0]}</h2>
          <p>{steps[0][1]}</p>
          <VerifyButton {...verifyProps} />
          {liveness && (
            <SimulatedLiveness
              url={liveness}
              backend={stack.backend}
              queryClient={stack.queryClient}
              onDone={() => {
                setLiveness(null)
              }}
            />
          )}
        </section>
        <section aria-labelledby="journey-likeness">
          <h2 id="journey-likeness">{steps[1][0]}</h2>
          <p>{steps[1][1]}</p>
          <AssetGallery
            selectionMode="multiple"
            selectedIds={references.map((ref) => ref.assetId)}
            onSelectedIdsChange={select}
            verifyButtonProps={verifyProps}
            rules={{ accept: ['image', 'video', 'audio'] }}
          />
        </section>
        <section aria-labelledby="journey-video">
          <h2 id="journey-video">{steps[2][0]}</h2>
          <p>{steps[2][1]}</p>
          <VideoComposer references={references} onReferencesChange={setReferences} />
        </section>
      </div>
    </stack.Provider>
  )
}

const meta = {
  title: 'Journey/Full journey',
  parameters: { layout: 'fullscreen' },
  loaders: [() => ({ stack: createStack({ user: 'journey' }) })],
  render: (_args, { loaded, globals }) => (
    <Journey
      stack={(loaded as { stack: Stack }).stack}
      locale={globals.locale === 'zh-CN' ? 'zh-CN' : 'en'}
    />
  ),
} satisfies Meta

export default meta

/**
 * From a face check to a finished video, on the real hooks, handler and EasyRouter simulator,
 * all inside this page: verify on the simulated liveness page, add a portrait, select it, and
 * generate a video that plays.
 */
export const FullJourney: StoryObj<typeof meta> = {
  play: async ({ canvas, canvasElement, userEvent, step }) => {
    await step('verify on the liveness page', async () => {
      // The first step's button (the gallery offers one too while the person is not verified).
      const [verify] = await canvas.findAllByRole('button', { name: /verify it’s you|验证本人/i })
      if (!verify) throw new Error('no verify button')
      await userEvent.click(verify)
      const page = await canvas.findByRole('region', { name: 'Simulated liveness page' })
      await userEvent.click(within(page).getByRole('button', { name: 'Pass the check' }))
      await canvas.findAllByRole('button', { name: /^(verified|已验证)$/i })
    })

    await step('add a portrait and watch it become Active', async () => {
      const input = await waitFor(() => {
        const found = canvasElement.querySelector<HTMLInputElement>('input[type="file"]')
        if (!found || found.disabled) throw new Error('the file input is not ready')
        return found
      })
      await userEvent.upload(input, new File([PORTRAIT_PNG], 'me.png', { type: 'image/png' }))
      const grid = await canvas.findByRole('grid')
      await waitFor(() => expect(within(grid).getByText(/^(active|可用)$/i)).toBeVisible(), {
        timeout: 10_000,
      })
    })

    await step('select it as a reference', async () => {
      const grid = canvas.getByRole('grid')
      const tile = within(grid).getAllByRole('gridcell')[0]
      if (!tile) throw new Error('no tile')
      await userEvent.click(tile)
      await waitFor(() => expect(tile).toHaveAttribute('aria-selected', 'true'))
      // The composer shows the chosen portrait as a chip with its thumbnail.
      const chips = canvas.getByRole('group', { name: /^(portraits|人像)$/i })
      await waitFor(() => expect(chips.querySelector('img')).not.toBeNull())
    })

    await step('describe the scene and generate', async () => {
      const prompt = canvas.getByRole('textbox', { name: /describe your video|描述你想要的视频/i })
      await userEvent.type(prompt, 'A walk along the shore at sunset, the camera slowly pulls back')
      await userEvent.click(canvas.getByRole('button', { name: /generate video|生成视频/i }))
    })

    await step('watch it finish and play', async () => {
      const video = await waitFor(
        () => {
          const found = canvasElement.querySelector('video[controls]')
          if (!(found instanceof HTMLVideoElement)) throw new Error('no video yet')
          return found
        },
        { timeout: 15_000 },
      )
      await waitFor(() => expect(video.readyState).toBeGreaterThanOrEqual(2), { timeout: 10_000 })
    })
  },
}

import type { VideoReference } from '@likeness/core'
import type { AdjustableClock } from '@likeness/easyrouter-sim'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, waitFor, within } from 'storybook/test'
import { createInPageBackend, PORTRAIT_PNG } from '../test/backend.ts'
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

const SCENE = 'A walk along the shore at sunset, the camera slowly pulls back'

/** How long the simulated EasyRouter takes, in the simulator's time. */
const TIMINGS = { assetProcessingMs: 1200, videoQueuedMs: 1000, videoGenerationMs: 4000 }

/**
 * The simulator's clock in this story. It runs with real time, so the page also works by hand
 * (on the docs page no play function runs). The play function holds it, and from then on
 * simulated time passes only when the play function moves it: processing and generation end
 * when the script says, however slow the machine. Released, it runs on from where it stands.
 */
interface StoryClock extends AdjustableClock {
  hold(): void
  release(): void
}

function createStoryClock(): StoryClock {
  let offset = 0
  let heldAt: number | undefined
  return {
    now: () => heldAt ?? Date.now() + offset,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`advance(ms) needs ms >= 0, got ${String(ms)}`)
      if (heldAt === undefined) offset += ms
      else heldAt += ms
    },
    set(ms) {
      if (heldAt === undefined) offset = ms - Date.now()
      else heldAt = ms
    },
    hold() {
      heldAt ??= Date.now() + offset
    },
    release() {
      if (heldAt === undefined) return
      offset = heldAt - Date.now()
      heldAt = undefined
    },
  }
}

interface Loaded {
  stack: Stack
  clock: StoryClock
}

/**
 * How long a look for something on screen may take. Generous on purpose: what the page waits
 * for no longer depends on simulated processing time (the play function moves the clock), only
 * on the page's real polling, so this bound only stops a broken story from hanging.
 */
const PATIENT = { timeout: 60_000 }

const meta = {
  title: 'Journey/Full journey',
  parameters: { layout: 'fullscreen' },
  loaders: [
    (): Loaded => {
      const clock = createStoryClock()
      const backend = createInPageBackend({ clock, timings: TIMINGS })
      return { clock, stack: createStack({ backend, user: 'journey' }) }
    },
  ],
  render: (_args, { loaded, globals }) => (
    <Journey
      stack={(loaded as Loaded).stack}
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
  play: async ({ canvas, canvasElement, userEvent, step, loaded }) => {
    const { clock } = loaded as Loaded
    clock.hold()
    try {
      await step('verify on the liveness page', async () => {
        // The first step's button (the gallery offers one too while the person is not verified).
        const [verify] = await canvas.findAllByRole(
          'button',
          { name: /verify it’s you|验证本人/i },
          PATIENT,
        )
        if (!verify) throw new Error('no verify button')
        await userEvent.click(verify)
        const page = await canvas.findByRole('region', { name: 'Simulated liveness page' }, PATIENT)
        await userEvent.click(within(page).getByRole('button', { name: 'Pass the check' }))
        await canvas.findAllByRole('button', { name: /^(verified|已验证)$/i }, PATIENT)
      })

      await step('add a portrait, which stays Processing until its time has passed', async () => {
        const input = await waitFor(() => {
          const found = canvasElement.querySelector<HTMLInputElement>('input[type="file"]')
          if (!found || found.disabled) throw new Error('the file input is not ready')
          return found
        }, PATIENT)
        await userEvent.upload(input, new File([PORTRAIT_PNG], 'me.png', { type: 'image/png' }))
        const grid = await canvas.findByRole('grid', {}, PATIENT)
        // The simulator has the asset now (a tile shows only what the server returned), and on
        // the held clock it cannot have finished processing yet.
        await expect(
          await within(grid).findByText(/^(processing|处理中)$/i, {}, PATIENT),
        ).toBeVisible()
        clock.advance(TIMINGS.assetProcessingMs)
        await waitFor(
          () => expect(within(grid).getByText(/^(active|可用)$/i)).toBeVisible(),
          PATIENT,
        )
      })

      await step('select it as a reference', async () => {
        const grid = canvas.getByRole('grid')
        const tile = within(grid).getAllByRole('gridcell')[0]
        if (!tile) throw new Error('no tile')
        await userEvent.click(tile)
        await waitFor(() => expect(tile).toHaveAttribute('aria-selected', 'true'), PATIENT)
        // The composer shows the chosen portrait as a chip with its thumbnail.
        const chips = canvas.getByRole('group', { name: /^(portraits|人像)$/i })
        await waitFor(() => expect(chips.querySelector('img')).not.toBeNull(), PATIENT)
      })

      await step('describe the scene and generate', async () => {
        const prompt = canvas.getByRole('textbox', {
          name: /describe your video|描述你想要的视频/i,
        })
        // Pasted: typed key by key, the whole journey would re-render sixty times over, which
        // costs only time and shows nothing the composer's own stories do not.
        await userEvent.click(prompt)
        await userEvent.paste(SCENE)
        await expect(prompt).toHaveValue(SCENE)
        await userEvent.click(canvas.getByRole('button', { name: /generate video|生成视频/i }))
        // Created, and waiting in line for as long as the clock is held.
        await canvas.findAllByText(/^(waiting in line|排队中)$/i, {}, PATIENT)
      })

      await step('let the generation time pass, then watch it finish and play', async () => {
        clock.advance(TIMINGS.videoQueuedMs + TIMINGS.videoGenerationMs)
        const video = await waitFor(() => {
          const found = canvasElement.querySelector('video[controls]')
          if (!(found instanceof HTMLVideoElement)) throw new Error('no video yet')
          return found
        }, PATIENT)
        await waitFor(() => expect(video.readyState).toBeGreaterThanOrEqual(2), PATIENT)
      })
    } finally {
      // Whoever goes on by hand in Storybook gets a simulator that runs in real time again.
      clock.release()
    }
  },
}

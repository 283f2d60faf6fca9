// The steps every journey is made of, in the words a person sees on the page (the components'
// English catalogs), so a changed label breaks the journey that reads it.
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures.ts'
import { portraitPng } from './portrait.ts'

/** The page's three steps, found by their headings ("1. Verify it’s you", ...), any language. */
export function steps(page: Page) {
  return {
    verify: page.getByRole('region', { name: /^1\./ }),
    likeness: page.getByRole('region', { name: /^2\./ }),
    video: page.getByRole('region', { name: /^3\./ }),
  }
}

/** The verify button of step 1 (the gallery has one of its own until the person is verified). */
export function verifyTrigger(page: Page): Locator {
  return steps(page).verify.locator('button.lk-verify-trigger')
}

/** Opens the app and waits until it knows who is signed in and where verification stands. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/')
  await expect(verifyTrigger(page)).not.toHaveAttribute('data-state', 'loading')
}

export type LivenessOutcome = 'Pass' | 'Fail' | 'Fail with face mismatch' | 'Cancel'

/** From the app: "Verify it’s you", then the simulator's liveness page. */
export async function startVerification(page: Page): Promise<void> {
  await verifyTrigger(page).click()
  await page.waitForURL(/\/sim\/h5\/liveness/)
}

/** On the simulator's liveness page: chooses an outcome and follows the way back to the app. */
export async function finishLiveness(page: Page, outcome: LivenessOutcome): Promise<void> {
  await page.getByRole('button', { name: outcome, exact: true }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/sim/'))
}

/** The whole verification in redirect mode, ending Verified. */
export async function verify(page: Page): Promise<void> {
  await startVerification(page)
  await finishLiveness(page, 'Pass')
  await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'verified')
  await expect(verifyTrigger(page)).toHaveText('Verified')
}

/** Adds a PNG through the gallery's file input (the hidden one behind "Choose files"). */
export async function uploadPortrait(page: Page, name: string): Promise<void> {
  await steps(page)
    .likeness.locator('input[type=file]')
    .first()
    .setInputFiles({ name, mimeType: 'image/png', buffer: portraitPng() })
}

/** A file's tile in the gallery grid. */
export function tile(page: Page, name: string): Locator {
  return steps(page).likeness.getByRole('gridcell').filter({ hasText: name })
}

/** Waits for the file to move from Processing to Active. */
export async function waitActive(page: Page, name: string): Promise<void> {
  await expect(tile(page, name)).toHaveAttribute('data-status', 'active', { timeout: 20_000 })
  await expect(tile(page, name)).toContainText('Active')
}

/** Adds a portrait, waits until it is Active and chooses it for the video. */
export async function choosePortrait(page: Page, name: string): Promise<void> {
  await uploadPortrait(page, name)
  await waitActive(page, name)
  await tile(page, name).click()
}

/** The composer's chosen portraits ("Portraits"). */
export function portraits(page: Page): Locator {
  return steps(page).video.getByRole('group', { name: 'Portraits' })
}

/** The asset id of a chosen portrait, read from its `asset://` line in the composer. */
export async function portraitAssetId(page: Page, name: string): Promise<string> {
  const chip = portraits(page).getByRole('listitem').filter({ hasText: name })
  const uri = await chip.getByText(/^asset:\/\//).textContent()
  const id = /^asset:\/\/(\S+)$/.exec(uri?.trim() ?? '')?.[1]
  if (!id) throw new Error(`no asset:// reference for ${name} (found "${uri ?? ''}")`)
  return id
}

/** The answer to the next video job the page creates (`POST /api/likeness/videos`). */
export function videoCreated(page: Page) {
  return page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      new URL(response.url()).pathname === '/api/likeness/videos',
  )
}

/** Fills the prompt and sends it; resolves with the new job's id. */
export async function generateVideo(page: Page, prompt: string): Promise<string> {
  const video = steps(page).video
  await video.getByRole('textbox', { name: 'Describe your video' }).fill(prompt)
  const created = videoCreated(page)
  await video.getByRole('button', { name: 'Generate video' }).click()
  const response = await created
  expect(response.status()).toBe(201)
  return ((await response.json()) as { id: string }).id
}

/**
 * Where the watched job stands (sending, progress, the video, the failure). Its words are also
 * announced by a hidden live region, so text is looked for here, not in the whole step.
 */
export function composerStatus(page: Page): Locator {
  return steps(page).video.locator('.lk-composer-status')
}

/** Waits for the job to show how far along it is, as a percentage. */
export async function waitProgress(page: Page): Promise<void> {
  await expect(composerStatus(page).getByText(/^\d+% done$/)).toBeVisible({ timeout: 20_000 })
}

/** The finished video, once the browser has decoded enough of it to show a frame. */
export async function waitVideo(page: Page): Promise<Locator> {
  const player = composerStatus(page).locator('video[controls]')
  await expect(player).toBeVisible({ timeout: 30_000 })
  await expect
    .poll(() => player.evaluate((element: HTMLVideoElement) => element.readyState), {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(2)
  return player
}

/** Plays the video (muted, as autoplay rules want) until its clock has moved. */
export async function playVideo(player: Locator): Promise<void> {
  await player.evaluate(async (element: HTMLVideoElement) => {
    element.muted = true
    await element.play()
  })
  await expect
    .poll(() => player.evaluate((element: HTMLVideoElement) => element.currentTime), {
      timeout: 10_000,
    })
    .toBeGreaterThan(0.3)
  await player.evaluate((element: HTMLVideoElement) => {
    element.pause()
  })
}

/** Whether the page scrolls sideways (it must not, at any width). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
}

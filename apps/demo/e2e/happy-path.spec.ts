import { expect, snap, test } from './fixtures.ts'
import {
  composerStatus,
  generateVideo,
  openApp,
  playVideo,
  portraitAssetId,
  portraits,
  steps,
  tile,
  uploadPortrait,
  verify,
  waitActive,
  waitProgress,
  waitVideo,
} from './journey.ts'

// Portraits stay Processing long enough to be seen doing so.
test.use({
  simulatorTimings: { assetProcessingMs: 3000, videoQueuedMs: 1000, videoGenerationMs: 5000 },
})

test('verify, add a portrait, and make a video that plays', async ({ page }, testInfo) => {
  await openApp(page)
  await expect(steps(page).likeness.getByText('Verify that it is you first')).toBeVisible()
  await snap(page, testInfo, '00-start')

  await verify(page)
  await expect(steps(page).verify.getByText('You are verified.')).toBeVisible()
  await snap(page, testInfo, '01-verified')

  await uploadPortrait(page, 'me.png')
  await expect(tile(page, 'me.png')).toHaveAttribute('data-status', 'processing')
  await expect(tile(page, 'me.png')).toContainText('Processing')
  await snap(page, testInfo, '02-processing')
  await waitActive(page, 'me.png')
  await snap(page, testInfo, '03-active')

  await tile(page, 'me.png').click()
  await expect(tile(page, 'me.png')).toHaveAttribute('aria-selected', 'true')
  await expect(portraits(page)).toContainText('me.png')
  const assetId = await portraitAssetId(page, 'me.png')
  await snap(page, testInfo, '04-selected')

  const jobId = await generateVideo(page, 'A walk on the beach at sunset')
  await waitProgress(page)
  await expect(composerStatus(page).getByRole('progressbar')).toBeVisible()
  await snap(page, testInfo, '05-progress')
  const player = await waitVideo(page)
  await expect(composerStatus(page)).toContainText('Your video is ready')
  await playVideo(player)
  await player.scrollIntoViewIfNeeded()
  await snap(page, testInfo, '06-video')

  // The server remembers what was asked, with the portrait as an asset reference.
  const stored = await page.request.get(`/api/likeness/videos/${jobId}`)
  expect(stored.ok()).toBe(true)
  const job = (await stored.json()) as {
    status: string
    input?: { prompt: string; references?: { assetId: string }[] }
  }
  expect(job.status).toBe('completed')
  expect(job.input?.prompt).toBe('A walk on the beach at sunset')
  expect(job.input?.references?.map((reference) => reference.assetId)).toEqual([assetId])
})

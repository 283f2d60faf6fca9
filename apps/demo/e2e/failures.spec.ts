import { expect, snap, test } from './fixtures.ts'
import {
  choosePortrait,
  composerStatus,
  finishLiveness,
  generateVideo,
  openApp,
  playVideo,
  startVerification,
  steps,
  tile,
  uploadPortrait,
  verify,
  verifyTrigger,
  videoCreated,
  waitActive,
  waitVideo,
} from './journey.ts'

test('a failed face check says so and can be tried again', async ({ page }, testInfo) => {
  await openApp(page)
  await startVerification(page)
  await snap(page, testInfo, '01-liveness-page')
  await finishLiveness(page, 'Fail')

  const step = steps(page).verify
  await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'failed')
  await expect(verifyTrigger(page)).toHaveText('Try again')
  await expect(step).toContainText('Verification failed.')
  await expect(step).toContainText('The face check did not pass.')
  // Nothing unlocks: the gallery still asks for a verification.
  await expect(steps(page).likeness.getByText('Verify that it is you first')).toBeVisible()
  await snap(page, testInfo, '02-failed')

  await startVerification(page)
  await finishLiveness(page, 'Pass')
  await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'verified')
  await snap(page, testInfo, '03-verified-on-retry')
})

test('a face check that passes with a face mismatch sub-code is a failure', async ({
  page,
}, testInfo) => {
  await openApp(page)
  await startVerification(page)
  await finishLiveness(page, 'Fail with face mismatch')

  await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'failed')
  await expect(verifyTrigger(page)).toHaveText('Try again')
  await expect(steps(page).verify).toContainText('The face did not match during the check.')
  await snap(page, testInfo, '01-mismatch')
})

test('a cancelled face check says so and leaves the person unverified', async ({
  page,
}, testInfo) => {
  await openApp(page)
  await startVerification(page)
  await finishLiveness(page, 'Cancel')

  await expect(verifyTrigger(page)).not.toHaveAttribute('data-state', /verified|pending|loading/)
  await expect(steps(page).verify).toContainText('Verification cancelled.')
  await expect(steps(page).verify).toContainText('The face check was cancelled before it finished.')
  await expect(verifyTrigger(page)).toHaveText('Try again')
  await expect(steps(page).likeness.getByText('Verify that it is you first')).toBeVisible()
  await snap(page, testInfo, '01-cancelled')
})

test('a portrait of someone else fails with the face mismatch reason', async ({
  page,
}, testInfo) => {
  await openApp(page)
  await verify(page)
  await uploadPortrait(page, 'mismatch-portrait.png')
  await uploadPortrait(page, 'me.png')

  const mismatch = tile(page, 'mismatch-portrait.png')
  await expect(mismatch).toHaveAttribute('data-status', 'failed', { timeout: 20_000 })
  await expect(mismatch).toContainText('Failed')
  await expect(mismatch).toContainText('This face does not match the verified person.')
  // The person's own portrait is unaffected.
  await waitActive(page, 'me.png')
  await snap(page, testInfo, '01-face-mismatch')
})

test('a failed video shows its reason, and Try again sends the same prompt', async ({
  page,
}, testInfo) => {
  const prompt = 'A storm over the harbour sim:fail'
  await openApp(page)
  await verify(page)

  const first = await generateVideo(page, prompt)
  const status = composerStatus(page)
  await expect(status).toContainText('The video could not be generated', { timeout: 20_000 })
  await expect(status).toContainText(/Reason: \S/)
  await snap(page, testInfo, '01-video-failed')

  const resent = videoCreated(page)
  await status.getByRole('button', { name: 'Try again' }).click()
  const second = ((await (await resent).json()) as { id: string; input?: { prompt: string } }).id
  expect(second).not.toBe(first)
  await expect(steps(page).video.getByRole('textbox', { name: 'Describe your video' })).toHaveValue(
    prompt,
  )
  const stored = (await (await page.request.get(`/api/likeness/videos/${second}`)).json()) as {
    input?: { prompt: string }
  }
  expect(stored.input?.prompt).toBe(prompt)
  await expect(status).toContainText('The video could not be generated', { timeout: 20_000 })
  await snap(page, testInfo, '02-tried-again')
})

test('a burst of upstream 5xx and 429 answers is ridden out', async ({ page, demo }, testInfo) => {
  await openApp(page)
  await verify(page)

  // The reads the page polls (the asset list, the video task) fail more often in a row than the
  // server retries, so some failures reach the browser and its polling must ride them out. The
  // asset read that checks a video's references fails only as often as the server retries
  // (twice): the submit itself is sent once (see the report on retrying a retryable submit).
  const burst = async (method: string, path: string, times: number) => {
    await demo.addFault({ method, path, status: 503, times })
    await demo.addFault({ method, path, status: 429, retryAfterSeconds: 1, times })
  }
  await burst('POST', '/api/*/assets/list', 3)
  await burst('GET', '/v1/video/generations/*', 3)
  await burst('GET', '/api/*/assets/asset-*', 1)
  const failedInBrowser: string[] = []
  page.on('response', (response) => {
    if (response.url().includes('/api/likeness/') && response.status() >= 429) {
      failedInBrowser.push(`${String(response.status())} ${response.url()}`)
    }
  })

  await choosePortrait(page, 'me.png')
  await generateVideo(page, 'Rain on a tin roof')
  const player = await waitVideo(page)
  await playVideo(player)

  // Every rule was used up, so the journey really went through the burst.
  expect(await demo.faults()).toEqual([])
  expect(failedInBrowser.length, 'failures that reached the page').toBeGreaterThan(0)
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0)
  await expect(page.getByText(/could not|went wrong|unavailable|too many/i)).toHaveCount(0)
  await snap(page, testInfo, '01-rode-out-faults')
})

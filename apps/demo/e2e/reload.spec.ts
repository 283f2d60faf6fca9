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
  verify,
  verifyTrigger,
  waitProgress,
  waitVideo,
} from './journey.ts'

test.describe('a reload in the middle of verification', () => {
  test('the app waits while the face check is open, and finishing it resumes', async ({
    page,
    context,
  }, testInfo) => {
    await openApp(page)
    await startVerification(page)

    // The same person opens (and reloads) the app while the face check is still open.
    const app = await context.newPage()
    await openApp(app)
    await expect(verifyTrigger(app)).toHaveAttribute('data-state', 'pending')
    await expect(steps(app).verify).toContainText('Waiting for you to finish.')
    await app.reload()
    await expect(verifyTrigger(app)).toHaveAttribute('data-state', 'pending')
    await expect(verifyTrigger(app)).toHaveText('Open it again')
    await snap(app, testInfo, '01-waiting-after-reload')

    await finishLiveness(page, 'Pass')
    await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'verified')
    // The waiting tab does not poll; it asks the server again when the person comes back to
    // it. Headless Chromium has no tab switching, so send the event a switch back sends.
    await app.bringToFront()
    await app.evaluate(() =>
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true })),
    )
    await expect(verifyTrigger(app)).toHaveAttribute('data-state', 'verified')
    await snap(app, testInfo, '02-verified-on-return')
  })

  test('back from the face check the app waits; opening it again finishes', async ({
    page,
  }, testInfo) => {
    await openApp(page)
    await startVerification(page)
    await page.goBack()
    await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'pending')
    await page.reload()
    await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'pending')
    await expect(steps(page).verify).toContainText('Waiting for you to finish.')
    await snap(page, testInfo, '01-waiting')

    // The link works once, so going forward to it again finds it used...
    await page.goForward()
    await expect(
      page.getByRole('heading', { name: 'This link has already been used' }),
    ).toBeVisible()
    await snap(page, testInfo, '02-link-used')
    await page.goBack()

    // ...and "Open it again" starts afresh.
    await expect(verifyTrigger(page)).toHaveText('Open it again')
    await startVerification(page)
    await finishLiveness(page, 'Pass')
    await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'verified')
    await snap(page, testInfo, '03-verified')
  })
})

test.describe('a reload in the middle of a job', () => {
  // Long enough to reload in the middle of it.
  test.use({
    simulatorTimings: { assetProcessingMs: 1500, videoQueuedMs: 1000, videoGenerationMs: 9000 },
  })

  test('the composer re-attaches to the running job and finishes it', async ({
    page,
  }, testInfo) => {
    const creates: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/likeness/videos')) {
        creates.push(request.url())
      }
    })
    await openApp(page)
    await verify(page)
    await choosePortrait(page, 'me.png')
    const jobId = await generateVideo(page, 'Kites over a windy hill')
    await waitProgress(page)
    await snap(page, testInfo, '01-before-reload')

    await page.reload()
    await expect(composerStatus(page)).toHaveAttribute('data-status', /queued|in_progress/)
    // What the job was made from comes back with it, portrait selection included.
    await expect(
      steps(page).video.getByRole('textbox', { name: 'Describe your video' }),
    ).toHaveValue('Kites over a windy hill')
    await expect(tile(page, 'me.png')).toHaveAttribute('aria-selected', 'true')
    await waitProgress(page)
    await snap(page, testInfo, '02-after-reload')

    await playVideo(await waitVideo(page))
    const recent = steps(page).video.getByRole('region', { name: 'Recent videos' })
    await expect(recent.getByRole('listitem')).toHaveCount(1)
    await expect(recent).toContainText('Kites over a windy hill')
    await snap(page, testInfo, '03-finished')

    expect(creates).toHaveLength(1)
    const jobs = (await (await page.request.get('/api/likeness/videos')).json()) as {
      items: { id: string; status: string }[]
    }
    expect(jobs.items.map((job) => [job.id, job.status])).toEqual([[jobId, 'completed']])
  })
})

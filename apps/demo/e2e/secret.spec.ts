import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Response } from '@playwright/test'
import { expect, SIM_CONTROL, snap, test } from './fixtures.ts'
import { choosePortrait, generateVideo, openApp, playVideo, verify, waitVideo } from './journey.ts'

const DIST = path.join(import.meta.dirname, '..', 'dist')

test('the EasyRouter key and the liveness credentials reach no response, page, log or stored row', async ({
  page,
  context,
  demo,
}, testInfo) => {
  const key = demo.simulatorKey
  // The simulator's stand-in for the temporary credentials in EasyRouter's raw_response.
  const secrets = [key, demo.canary]
  const holds = (text: string | Buffer) => secrets.some((secret) => text.includes(secret))
  const read: string[] = []
  const unreadable: string[] = []
  const leaks: string[] = []
  const reading: Promise<void>[] = []
  const inspect = async (response: Response) => {
    const where = `${String(response.status())} ${response.request().method()} ${response.url()}`
    if (holds(response.url())) leaks.push(`url: ${where}`)
    const headers = await response.allHeaders()
    if (Object.values(headers).some(holds)) leaks.push(`head: ${where}`)
    // A redirect has no body to read; anything else must be read, or the check is hollow.
    if (response.status() >= 300 && response.status() < 400) return
    try {
      const body = await response.body()
      read.push(where)
      if (holds(body)) leaks.push(`body: ${where}`)
    } catch (error) {
      unreadable.push(`${where}: ${String(error)}`)
    }
  }
  context.on('response', (response) => reading.push(inspect(response)))
  // The handler's answers are also read on their way in: the page may leave before a body can
  // be read back from the browser (the start of a verification navigates at once).
  await context.route('**/api/likeness/**', async (route) => {
    const response = await route.fetch({ maxRedirects: 0 })
    const body = await response.body()
    const where = `${String(response.status())} ${route.request().method()} ${route.request().url()}`
    read.push(where)
    if (holds(body)) leaks.push(`body: ${where}`)
    await route.fulfill({ response, body })
  })

  await openApp(page)
  await verify(page)
  await choosePortrait(page, 'me.png')
  await generateVideo(page, 'Lanterns over a night market')
  await playVideo(await waitVideo(page))
  await snap(page, testInfo, '01-journey-done')
  await Promise.all(reading)

  // Kept beside the screenshots, to see what the check covered.
  await writeFile(testInfo.outputPath('responses-read.txt'), read.join('\n'))
  await writeFile(testInfo.outputPath('responses-unreadable.txt'), unreadable.join('\n'))
  expect(leaks).toEqual([])
  // Every kind of response of the journey was read: pages, scripts, styles, the handler's JSON,
  // the liveness page, the staged upload and the video.
  for (const expected of [
    / GET http:\/\/localhost:\d+\/$/,
    /\/assets\/index-[\w-]+\.js$/,
    /\/assets\/index-[\w-]+\.css$/,
    /\/demo\/user$/,
    /POST .*\/api\/likeness\/verification$/,
    /GET .*\/api\/likeness\/verification$/,
    /GET .*\/sim\/h5\/liveness\?/,
    /POST .*\/api\/likeness\/assets\?/,
    /GET .*\/api\/likeness\/assets(\?|$)/,
    /POST .*\/api\/likeness\/videos$/,
    /GET .*\/api\/likeness\/videos\/[\w-]+$/,
    /\/sim\/tos\//,
  ]) {
    expect(read, `a response matching ${String(expected)} was read`).toContainEqual(
      expect.stringMatching(expected),
    )
  }

  // The files of the build, read from disk and as served.
  const files = await readdir(DIST, { recursive: true, withFileTypes: true })
  const built = files.filter((file) => file.isFile())
  expect(built.length).toBeGreaterThanOrEqual(3)
  for (const file of built) {
    const full = path.join(file.parentPath, file.name)
    const relative = path.relative(DIST, full).split(path.sep).join('/')
    expect(holds(await readFile(full)), `dist/${relative}`).toBe(false)
    const served = await page.request.get(`/${relative}`)
    expect(served.ok(), `/${relative}`).toBe(true)
    expect(holds(await served.body()), `/${relative} as served`).toBe(false)
  }
  // The server's log (the handler's events and errors) and everything it stored.
  expect(demo.output()).toContain('"type":"verification.verified"')
  expect(holds(demo.output()), 'the server log').toBe(false)
  const stored = await readdir(demo.dataDir, { recursive: true, withFileTypes: true })
  const databases = stored.filter((file) => file.isFile() && /\.db(-wal)?$/.test(file.name))
  expect(databases.length).toBeGreaterThanOrEqual(1)
  for (const file of databases) {
    expect(holds(await readFile(path.join(file.parentPath, file.name))), file.name).toBe(false)
  }
  // The simulator's control endpoints answer on the same origin; they must not echo it either.
  for (const control of ['health', 'requests', 'faults']) {
    const response = await page.request.get(`/sim/__sim/${control}`, { headers: SIM_CONTROL })
    expect(response.ok(), `/sim/__sim/${control}`).toBe(true)
    expect(holds(await response.body()), `/sim/__sim/${control}`).toBe(false)
  }
})

test('the app is served under a strict Content-Security-Policy', async ({ page }) => {
  await openApp(page)
  const script = await page.locator('script[src]').first().getAttribute('src')
  for (const url of ['/', '/some/deep/link', script ?? '/missing-script']) {
    const response = await page.request.get(url)
    expect(response.ok(), url).toBe(true)
    const policy = response.headers()['content-security-policy'] ?? ''
    expect(policy, url).toContain("script-src 'self'")
    expect(policy, url).toContain("style-src 'self'")
    expect(policy, url).toContain("object-src 'none'")
    expect(policy, url).not.toMatch(/unsafe-inline|unsafe-eval/)
  }
  // The journeys' pages report any violation through the fixture; this one proves the page
  // itself has no inline script or style to refuse.
  expect(await page.locator('script:not([src])').count()).toBe(0)
  expect(await page.locator('style').count()).toBe(0)
})

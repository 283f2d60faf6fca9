import { expect, snap, test } from './fixtures.ts'
import { openApp, steps, verify, verifyTrigger } from './journey.ts'

test.describe('a liveness link sent to someone else', () => {
  test('verifies nobody in their browser; the person can still verify in their own', async ({
    page,
    browser,
  }, testInfo) => {
    await openApp(page)
    // The person starts the check but does not open the link: they send it to someone else.
    // The navigation is answered here with a page of our own, not aborted: Chromium reloads an
    // error page by itself, which would open (and use up) the link in this browser after all.
    let sent = ''
    await page.route('**/sim/h5/liveness**', async (route) => {
      sent = route.request().url()
      await route.fulfill({ contentType: 'text/html', body: '<p>Link sent to a friend.</p>' })
    })
    await verifyTrigger(page).click()
    await expect.poll(() => sent).not.toBe('')

    const elsewhere = await browser.newContext()
    try {
      const other = await elsewhere.newPage()
      await other.goto(sent)
      await other.getByRole('button', { name: 'Pass', exact: true }).click()
      await expect(
        other.getByRole('heading', { name: 'Finish the check on the device you started it on' }),
      ).toBeVisible()
      await expect(other.locator('body')).not.toContainText('You are verified')
      await snap(other, testInfo, '01-forwarded-link-refused')
    } finally {
      await elsewhere.close()
    }

    // Nothing was completed: the person's own app is not verified by someone else's face.
    await openApp(page)
    await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'pending')
    await expect(steps(page).verify).not.toContainText('Verified')
    await snap(page, testInfo, '02-still-waiting')

    // Starting again in their own browser verifies them.
    await page.unrouteAll()
    await verify(page)
    await snap(page, testInfo, '03-verified-where-started')
  })
})

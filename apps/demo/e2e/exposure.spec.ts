// What a visitor with bad intent can do from a real browser: edit their cookie. It reaches
// nobody else's data.
import { expect, snap, test } from './fixtures.ts'
import { openApp, steps, verify, verifyTrigger } from './journey.ts'

test('an edited cookie is not somebody else’s Ben, and neither is choosing Ben', async ({
  page,
  browser,
  demo,
}, testInfo) => {
  // Someone visits as Ben and verifies.
  await openApp(page)
  const signedInAs = page.getByRole('combobox', { name: 'Signed in as' })
  await signedInAs.selectOption('ben')
  await expect(verifyTrigger(page)).not.toHaveAttribute('data-state', 'loading')
  await verify(page)

  // Someone else, in a browser of their own, edits their demo cookie to say Ben.
  const other = await browser.newContext({ baseURL: demo.url })
  try {
    const intruder = await other.newPage()
    await openApp(intruder)
    const cookies = await other.cookies(demo.url)
    expect(cookies.length).toBeGreaterThan(0)
    await other.clearCookies()
    await other.addCookies(
      cookies.map((cookie) => ({ ...cookie, value: cookie.value.replaceAll('ada', 'ben') })),
    )
    expect((await intruder.request.get('/api/likeness/verification')).status()).toBe(401)
    await intruder.reload()
    await expect(verifyTrigger(intruder)).not.toHaveAttribute('data-state', 'loading')
    await expect(intruder.getByRole('combobox', { name: 'Signed in as' })).toHaveValue('ada')
    await expect(verifyTrigger(intruder)).toHaveText('Verify it’s you')
    await snap(intruder, testInfo, '01-edited-cookie-is-a-new-visitor')

    // Choosing Ben is their own Ben, who has verified nothing.
    await intruder.getByRole('combobox', { name: 'Signed in as' }).selectOption('ben')
    await expect(verifyTrigger(intruder)).not.toHaveAttribute('data-state', 'loading')
    await expect(verifyTrigger(intruder)).toHaveText('Verify it’s you')
    await expect(steps(intruder).likeness.getByText('Verify that it is you first')).toBeVisible()
    await snap(intruder, testInfo, '02-their-own-ben')
  } finally {
    await other.close()
  }

  // The first Ben is still verified.
  await page.reload()
  await expect(verifyTrigger(page)).toHaveAttribute('data-state', 'verified')
})

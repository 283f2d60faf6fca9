import { describe, expect, it } from 'vitest'
import {
  call,
  createTestBed,
  KEY_B,
  MEDIA,
  PREFIX,
  uploadAsset,
  verifiedGroup,
  type Json,
  type TestBed,
} from '../test/support.ts'

async function list(bed: TestBed, body: Record<string, unknown>, key?: string): Promise<Json> {
  const result = await call(bed.sim, 'POST', `${PREFIX}/assets/list`, {
    body,
    ...(key === undefined ? {} : { key }),
  })
  if (result.status !== 200) throw new Error(result.text)
  return result.json.data
}

const names = (data: Json): string[] => (data.items as Json[]).map((item) => item.name as string)

/**
 * Two groups. Created one second apart, in this order:
 * g1: "Alpha front" (Active), "alpha side" (Failed: mismatch marker), "Beta" (Active);
 * g2: "Gamma" (Active), "Delta" (Processing: uploaded last, not yet processed).
 */
async function seed(): Promise<{ bed: TestBed; g1: string; g2: string }> {
  const bed = createTestBed()
  const g1 = await verifiedGroup(bed.sim)
  bed.clock.advance(1_000)
  const g2 = await verifiedGroup(bed.sim)
  const uploads: [string, string, Uint8Array][] = [
    [g1, 'Alpha front', MEDIA.png],
    [
      g1,
      'alpha side',
      new Uint8Array([...MEDIA.png, ...new TextEncoder().encode('SIM-FACE-MISMATCH')]),
    ],
    [g1, 'Beta', MEDIA.jpeg],
    [g2, 'Gamma', MEDIA.gif],
  ]
  for (const [groupId, name, bytes] of uploads) {
    bed.clock.advance(1_000)
    await uploadAsset(bed, { groupId, name, bytes })
  }
  await bed.sim.settle()
  bed.clock.advance(3_000)
  await uploadAsset(bed, { groupId: g2, name: 'Delta', bytes: MEDIA.png })
  await bed.sim.settle()
  return { bed, g1, g2 }
}

describe('POST /assets/list (2.4)', () => {
  it('lists every asset of the caller, newest first, with defaults echoed', async () => {
    const { bed } = await seed()
    const data = await list(bed, {})
    expect(names(data)).toEqual(['Delta', 'Gamma', 'Beta', 'alpha side', 'Alpha front'])
    expect(data.total_count).toBe(5)
    expect(data.page_number).toBe(1)
    expect(data.page_size).toBe(20)
    expect(data.items[0]).toMatchObject({ status: 'Processing', asset_type: 'Image' })
    expect(data.items[0].url).toMatch(/\/tos\/asset-.*X-Tos-Signature=/)
    expect(data.items[3].error.code).toBe('FaceMismatch')
  })

  it('accepts a bare POST', async () => {
    const { bed } = await seed()
    const result = await call(bed.sim, 'POST', `${PREFIX}/assets/list`)
    expect(result.json.data.total_count).toBe(5)
  })

  it('filters by group_ids, statuses and a case-insensitive name substring', async () => {
    const { bed, g1, g2 } = await seed()
    expect(names(await list(bed, { group_ids: [g2] }))).toEqual(['Delta', 'Gamma'])
    expect(
      names(await list(bed, { group_ids: [g1, g2], statuses: ['Failed', 'Processing'] })),
    ).toEqual(['Delta', 'alpha side'])
    expect(names(await list(bed, { statuses: ['Active'] }))).toEqual([
      'Gamma',
      'Beta',
      'Alpha front',
    ])
    expect(names(await list(bed, { name: 'ALPHA' }))).toEqual(['alpha side', 'Alpha front'])
    expect(names(await list(bed, { name: 'ph', group_type: 'LivenessFace' }))).toEqual([
      'alpha side',
      'Alpha front',
    ])
    const none = await list(bed, { name: 'zeta' })
    expect(none).toEqual({ items: [], total_count: 0, page_number: 1, page_size: 20 })
  })

  it('pages with page_number and page_size; total_count counts every match', async () => {
    const { bed } = await seed()
    const page1 = await list(bed, { page_size: 2, sort_order: 'Asc' })
    const page2 = await list(bed, { page_size: 2, page_number: 2, sort_order: 'Asc' })
    const page3 = await list(bed, { page_size: 2, page_number: 3, sort_order: 'Asc' })
    const page4 = await list(bed, { page_size: 2, page_number: 4, sort_order: 'Asc' })
    expect([names(page1), names(page2), names(page3), names(page4)]).toEqual([
      ['Alpha front', 'alpha side'],
      ['Beta', 'Gamma'],
      ['Delta'],
      [],
    ])
    for (const page of [page1, page2, page3, page4]) expect(page.total_count).toBe(5)
    expect(page2).toMatchObject({ page_number: 2, page_size: 2 })
  })

  it('sorts by CreateTime and GroupId in both orders, ties broken by creation order', async () => {
    const { bed, g1, g2 } = await seed()
    expect(names(await list(bed, { sort_by: 'CreateTime', sort_order: 'Asc' }))).toEqual([
      'Alpha front',
      'alpha side',
      'Beta',
      'Gamma',
      'Delta',
    ])
    // g1 was created a second before g2, so its id sorts first.
    expect(g1 < g2).toBe(true)
    expect(names(await list(bed, { sort_by: 'GroupId', sort_order: 'Asc' }))).toEqual([
      'Alpha front',
      'alpha side',
      'Beta',
      'Gamma',
      'Delta',
    ])
    expect(names(await list(bed, { sort_by: 'GroupId' }))).toEqual([
      'Delta',
      'Gamma',
      'Beta',
      'alpha side',
      'Alpha front',
    ])
  })

  it('sorts by UpdateTime: when processing ended, not when the upload started', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const release = bed.media.hold('/slow.png', MEDIA.png)
    await call(bed.sim, 'POST', `${PREFIX}/assets`, {
      body: {
        group_id: groupId,
        url: `${bed.media.origin}/slow.png`,
        asset_type: 'Image',
        name: 'slow',
      },
    })
    bed.clock.advance(1_000)
    await uploadAsset(bed, { groupId, name: 'fast' })
    bed.clock.advance(9_000)
    release()
    await bed.sim.settle()
    expect(names(await list(bed, { sort_by: 'CreateTime' }))).toEqual(['fast', 'slow'])
    const byUpdate = await list(bed, { sort_by: 'UpdateTime' })
    expect(names(byUpdate)).toEqual(['slow', 'fast'])
    expect((byUpdate.items as Json[]).map((item) => item.update_time as string)).toEqual([
      '2026-05-21T16:29:25+08:00',
      '2026-05-21T16:29:19+08:00',
    ])
    expect(names(await list(bed, { sort_by: 'UpdateTime', sort_order: 'Asc' }))).toEqual([
      'fast',
      'slow',
    ])
  })

  it('is a 404 for group_ids the caller does not own', async () => {
    const { bed, g1 } = await seed()
    const result = await call(bed.sim, 'POST', `${PREFIX}/assets/list`, {
      key: KEY_B,
      body: { group_ids: [g1] },
    })
    expect(result.status).toBe(404)
    expect(result.json.success).toBe(false)
    expect((await list(bed, {}, KEY_B)).total_count).toBe(0)
  })

  it.each([
    ['page_size over 100', { page_size: 101 }, 'page_size'],
    ['page_size under 1', { page_size: 0 }, 'page_size'],
    ['page_size not an integer', { page_size: 2.5 }, 'page_size'],
    ['page_number under 1', { page_number: 0 }, 'page_number'],
    ['page_number a string', { page_number: '2' }, 'page_number'],
    [
      'more than 100 group_ids',
      { group_ids: Array.from({ length: 101 }, (_, i) => `g${i}`) },
      'group_ids',
    ],
    ['group_ids not an array', { group_ids: 'group-1' }, 'group_ids'],
    ['a bad status', { statuses: ['Deleted'] }, 'statuses[0]'],
    ['statuses not an array', { statuses: 'Active' }, 'statuses'],
    ['a bad sort_by', { sort_by: 'Name' }, 'sort_by'],
    ['a bad sort_order', { sort_order: 'desc' }, 'sort_order'],
    ['a bad group_type', { group_type: 'Other' }, 'group_type'],
    ['name not a string', { name: 7 }, 'name'],
  ])('rejects %s with a 400 naming the field', async (_name, body, field) => {
    const bed = createTestBed()
    const result = await call(bed.sim, 'POST', `${PREFIX}/assets/list`, { body })
    expect(result.status).toBe(400)
    expect(result.json).toEqual({ success: false, message: expect.stringContaining(field) })
  })
})

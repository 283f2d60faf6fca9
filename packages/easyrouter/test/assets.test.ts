import { describe, expect, it } from 'vitest'
import { toAsset, toListAssetsRequest } from '../src/index.ts'
import { activeAsset, MEDIA_URL, PNG, setup, verified } from './setup.ts'

describe('portrait assets (2.3 to 2.7)', () => {
  it('uploads asynchronously: Processing with a warning, then Active with a signed URL', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    const uploaded = await ctx.client.uploadAsset({
      groupId,
      url: `${MEDIA_URL}/portrait.png`,
      assetType: 'Image',
      name: 'Front portrait',
    })
    expect(uploaded).toMatchObject({
      groupId,
      name: 'Front portrait',
      url: `${MEDIA_URL}/portrait.png`,
      assetType: 'Image',
      status: 'Processing',
    })
    expect(uploaded.id).toMatch(/^asset-\d{14}-[a-z0-9]+$/)
    expect(uploaded.warning).toMatch(/\w/)
    expect(uploaded.createTime).toBeDefined()

    await ctx.sim.settle()
    expect((await ctx.client.getAsset(uploaded.id)).status).toBe('Processing')
    ctx.clock.advance(3000)
    const active = await ctx.client.getAsset(uploaded.id)
    expect(active).toMatchObject({ id: uploaded.id, status: 'Active', groupId, assetType: 'Image' })
    expect(active.error).toBeUndefined()
    expect(active.updateTime).toBeDefined()
    const signed = new URL(active.url ?? '')
    expect(signed.searchParams.get('X-Tos-Expires')).toBe('43200')
    const served = await ctx.sim.fetch(signed)
    expect(served.status).toBe(200)
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG)

    expect(toAsset(active)).toMatchObject({ id: active.id, type: 'image', status: 'active' })
  })

  it('fails a face that is not the verified person with FaceMismatch', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    const uploaded = await ctx.client.uploadAsset({
      groupId,
      url: `${MEDIA_URL}/mismatch-portrait.png`,
      assetType: 'Image',
    })
    await ctx.sim.settle()
    ctx.clock.advance(3000)
    const failed = await ctx.client.getAsset(uploaded.id)
    expect(failed.status).toBe('Failed')
    expect(failed.error).toEqual({
      code: 'FaceMismatch',
      message: 'Face consistency verification failed.',
    })
    expect(toAsset(failed)).toMatchObject({ status: 'failed', error: { code: 'FaceMismatch' } })
  })

  it('fails uploads EasyRouter cannot fetch or read', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    const missing = await ctx.client.uploadAsset({
      groupId,
      url: `${MEDIA_URL}/nowhere.png`,
      assetType: 'Image',
    })
    const text = await ctx.client.uploadAsset({
      groupId,
      url: `${MEDIA_URL}/notes.txt`,
      assetType: 'Image',
    })
    await ctx.sim.settle()
    ctx.clock.advance(3000)
    expect((await ctx.client.getAsset(missing.id)).error?.code).toBe('DownloadFailed')
    expect((await ctx.client.getAsset(text.id)).error?.code).toBe('InvalidMedia')
  })

  it('rejects invalid uploads with a clear message', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    await expect(
      ctx.client.uploadAsset({
        groupId: 'group-20260101000000-nope',
        url: `${MEDIA_URL}/portrait.png`,
        assetType: 'Image',
      }),
    ).rejects.toMatchObject({ code: 'not_found', status: 404 })
    await expect(
      ctx.client.uploadAsset({ groupId, url: 'ftp://x/y.png', assetType: 'Image' }),
    ).rejects.toMatchObject({ code: 'invalid_request' })
    await expect(
      // @ts-expect-error: a wrong asset type is refused before sending
      ctx.client.uploadAsset({ groupId, url: `${MEDIA_URL}/portrait.png`, assetType: 'Picture' }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/assetType/),
    })
  })

  it('lists with filters, fuzzy names, sorting and pages', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    const names = ['Beach day', 'beach night', 'Studio', 'Mismatch test']
    const ids: string[] = []
    for (const name of names) {
      const url = name.startsWith('Mismatch')
        ? `${MEDIA_URL}/mismatch-portrait.png`
        : `${MEDIA_URL}/portrait.png`
      ids.push((await ctx.client.uploadAsset({ groupId, url, assetType: 'Image', name })).id)
      ctx.clock.advance(1000)
    }
    await ctx.sim.settle()
    ctx.clock.advance(3000)

    const all = await ctx.client.listAssets({ groupIds: [groupId] })
    expect(all.totalCount).toBe(4)
    expect(all.items.map((a) => a.name)).toEqual([...names].reverse())
    expect(all).toMatchObject({ pageNumber: 1, pageSize: 20 })

    const asc = await ctx.client.listAssets({ sortBy: 'CreateTime', sortOrder: 'Asc' })
    expect(asc.items.map((a) => a.id)).toEqual(ids)

    const beach = await ctx.client.listAssets({ name: 'BEACH' })
    expect(beach.items.map((a) => a.name).sort()).toEqual(['Beach day', 'beach night'])

    const failed = await ctx.client.listAssets({ statuses: ['Failed'] })
    expect(failed.items.map((a) => a.name)).toEqual(['Mismatch test'])
    const active = await ctx.client.listAssets(
      toListAssetsRequest({ statuses: ['active'] }, [groupId]),
    )
    expect(active.totalCount).toBe(3)

    const page2 = await ctx.client.listAssets({ pageSize: 3, pageNumber: 2, sortOrder: 'Asc' })
    expect(page2).toMatchObject({ totalCount: 4, pageNumber: 2, pageSize: 3 })
    expect(page2.items.map((a) => a.id)).toEqual([ids[3]])
  })

  it('enforces the documented page limits before sending', async () => {
    const ctx = setup()
    await expect(ctx.client.listAssets({ pageSize: 101 })).rejects.toMatchObject({
      code: 'invalid_request',
    })
    const groupIds = Array.from({ length: 101 }, (_, i) => `group-20260101000000-g${i}`)
    await expect(ctx.client.listAssets({ groupIds })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/100/),
    })
    expect(ctx.sim.requests).toHaveLength(0)
  })

  it('keeps every account to its own assets and groups', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    const asset = await activeAsset(ctx, groupId)
    expect((await ctx.other.listAssets()).totalCount).toBe(0)
    await expect(ctx.other.getAsset(asset.id)).rejects.toMatchObject({ code: 'not_found' })
    await expect(ctx.other.deleteAsset(asset.id)).rejects.toMatchObject({ code: 'not_found' })
    await expect(ctx.other.deleteAssetGroup(groupId)).rejects.toMatchObject({ code: 'not_found' })
    await expect(
      ctx.other.uploadAsset({ groupId, url: `${MEDIA_URL}/portrait.png`, assetType: 'Image' }),
    ).rejects.toMatchObject({ code: 'not_found' })
    expect((await ctx.client.getAsset(asset.id)).status).toBe('Active')
  })

  it('deletes an asset, then the group with everything in it, irreversibly', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    const first = await activeAsset(ctx, groupId)
    const second = await activeAsset(ctx, groupId)

    await ctx.client.deleteAsset(first.id)
    await expect(ctx.client.getAsset(first.id)).rejects.toMatchObject({ code: 'not_found' })
    await expect(ctx.client.deleteAsset(first.id)).rejects.toMatchObject({ code: 'not_found' })

    await ctx.client.deleteAssetGroup(groupId)
    await expect(ctx.client.getAsset(second.id)).rejects.toMatchObject({ code: 'not_found' })
    await expect(ctx.client.deleteAssetGroup(groupId)).rejects.toMatchObject({ code: 'not_found' })
  })

  it.each(['../x', 'asset-1/../../sessions', 'a%2Fb', '', 'x?y=1', 'a b'])(
    'refuses the hostile id %j before it reaches a path',
    async (id) => {
      const ctx = setup()
      await expect(ctx.client.getAsset(id)).rejects.toMatchObject({ code: 'invalid_request' })
      await expect(ctx.client.deleteAsset(id)).rejects.toMatchObject({ code: 'invalid_request' })
      await expect(ctx.client.deleteAssetGroup(id)).rejects.toMatchObject({
        code: 'invalid_request',
      })
      await expect(ctx.client.getSession(id)).rejects.toMatchObject({ code: 'invalid_request' })
      await expect(ctx.client.getVideoTask(id)).rejects.toMatchObject({ code: 'invalid_request' })
      expect(ctx.sim.requests).toHaveLength(0)
    },
  )
})

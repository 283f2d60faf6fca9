import { describe, expect, it } from 'vitest'
import {
  activeAsset,
  call,
  createSession,
  createTestBed,
  KEY_A,
  KEY_B,
  PREFIX,
  verifiedGroup,
} from '../test/support.ts'

// The key is the account: whatever key A creates is invisible to key B, which must see exactly
// what it would see for an id that never existed (404, or 400 for asset:// references).
describe('account isolation', () => {
  async function seedAccountA(): Promise<{
    bed: ReturnType<typeof createTestBed>
    sessionToken: string
    groupId: string
    assetId: string
    taskId: string
  }> {
    const bed = createTestBed({ apiKeys: [KEY_A, KEY_B] })
    const session = await createSession(bed.sim, { key: KEY_A })
    const groupId = await verifiedGroup(bed.sim, KEY_A)
    const { id: assetId } = await activeAsset(bed, { groupId, key: KEY_A })
    const task = await call(bed.sim, 'POST', '/v1/video/generations', {
      key: KEY_A,
      body: { model: 'dreamina-seedance-2-0', prompt: 'x', images: [`asset://${assetId}`] },
    })
    expect(task.status).toBe(200)
    return {
      bed,
      sessionToken: session.byted_token,
      groupId,
      assetId,
      taskId: task.json.id as string,
    }
  }

  it('key B cannot read, list, use or delete anything of key A', async () => {
    const { bed, sessionToken, groupId, assetId, taskId } = await seedAccountA()
    const asB = { key: KEY_B }
    const { sim } = bed

    expect((await call(sim, 'GET', `${PREFIX}/sessions/${sessionToken}`, asB)).status).toBe(404)
    expect((await call(sim, 'GET', `${PREFIX}/assets/${assetId}`, asB)).status).toBe(404)
    expect((await call(sim, 'GET', `/v1/video/generations/${taskId}`, asB)).status).toBe(404)

    const listAll = await call(sim, 'POST', `${PREFIX}/assets/list`, { ...asB, body: {} })
    expect(listAll.json.data).toMatchObject({ items: [], total_count: 0 })
    const listGroup = await call(sim, 'POST', `${PREFIX}/assets/list`, {
      ...asB,
      body: { group_ids: [groupId] },
    })
    expect(listGroup.status).toBe(404)

    const upload = await call(sim, 'POST', `${PREFIX}/assets`, {
      ...asB,
      body: { group_id: groupId, url: 'https://media.example/x.png', asset_type: 'Image' },
    })
    expect(upload.status).toBe(404)

    const useAsset = await call(sim, 'POST', '/v1/video/generations', {
      ...asB,
      body: {
        model: 'dreamina-seedance-2-0',
        prompt: 'x',
        metadata: { content: [{ type: 'image_url', image_url: { url: `asset://${assetId}` } }] },
      },
    })
    expect(useAsset.status).toBe(400)
    expect(useAsset.json.error.message).toContain('not found')

    expect((await call(sim, 'DELETE', `${PREFIX}/assets/${assetId}`, asB)).status).toBe(404)
    expect((await call(sim, 'DELETE', `${PREFIX}/asset-groups/${groupId}`, asB)).status).toBe(404)

    // Key A still has everything.
    expect((await call(sim, 'GET', `${PREFIX}/assets/${assetId}`)).json.data.status).toBe('Active')
    expect((await call(sim, 'GET', `/v1/video/generations/${taskId}`)).status).toBe(200)
    const listA = await call(sim, 'POST', `${PREFIX}/assets/list`, { body: {} })
    expect(listA.json.data.total_count).toBe(1)
  })

  it("key B's own resources are just as invisible to key A", async () => {
    const bed = createTestBed()
    const groupB = await verifiedGroup(bed.sim, KEY_B)
    const { id } = await activeAsset(bed, { groupId: groupB, key: KEY_B })
    expect((await call(bed.sim, 'GET', `${PREFIX}/assets/${id}`, { key: KEY_A })).status).toBe(404)
    expect((await call(bed.sim, 'GET', `${PREFIX}/assets/${id}`, { key: KEY_B })).status).toBe(200)
  })
})

import type { AssetListQuery } from './asset.ts'

/**
 * The TanStack Query keys Likeness uses, under one `scope` (the provider's, `default` unless
 * set). Use them to read, prefetch or invalidate Likeness data from your own code. Everything
 * starts with `['likeness', scope]`, so `queryClient.removeQueries({ queryKey:
 * likenessKeys(scope).all })` forgets one person's data, e.g. at sign-out.
 *
 * @example
 * ```ts
 * queryClient.invalidateQueries({ queryKey: likenessKeys().assets })
 * ```
 */
export function likenessKeys(scope = 'default') {
  const all = ['likeness', scope] as const
  return {
    all,
    verification: [...all, 'verification'] as const,
    assets: [...all, 'assets'] as const,
    assetList: (query: AssetListQuery) => [...all, 'assets', 'list', query] as const,
    asset: (id: string) => [...all, 'assets', 'detail', id] as const,
    videoJobs: [...all, 'videos'] as const,
    videoJobList: [...all, 'videos', 'list'] as const,
    videoJob: (id: string) => [...all, 'videos', 'detail', id] as const,
  }
}

/** The keys for one scope, as returned by {@link likenessKeys}. */
export type LikenessKeys = ReturnType<typeof likenessKeys>

import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react'

/**
 * The languages every component ships text for. Any other locale falls back to the closest
 * one (`zh`, `zh-Hans`, `zh-SG` read Simplified Chinese; everything else English).
 */
export type LikenessLocale = 'en' | 'zh-CN'

/** One component's strings, per locale. `{name}` marks a value filled in at render time. */
export type MessageCatalog<K extends string> = Readonly<
  Record<LikenessLocale, Readonly<Record<K, string>>>
>

/**
 * String overrides, by key, for any component below a {@link LikenessUIProvider}. Keys are
 * listed on each component's catalog (`verifyButtonMessages.en` and so on).
 */
export type MessageOverrides = Readonly<Partial<Record<string, string>>>

interface UIContextValue {
  locale: LikenessLocale
  /** The locale as the host gave it, passed on to the liveness page. */
  requestedLocale: string
  messages: MessageOverrides
}

const UIContext = createContext<UIContextValue>({
  locale: 'en',
  requestedLocale: 'en',
  messages: {},
})

/** Props of {@link LikenessUIProvider}. */
export interface LikenessUIProviderProps {
  /** BCP 47 language tag; default `en`. Also sent to the liveness page. */
  locale?: string | undefined
  /** Replaces any string by key, in every language. */
  messages?: MessageOverrides | undefined
  children?: ReactNode
}

/**
 * Sets the language of every Likeness component below it, and replaces any of their strings.
 * Optional: without it, components speak English.
 *
 * @example
 * ```tsx
 * <LikenessUIProvider locale="zh-CN" messages={{ 'verify.idle': '验证本人' }}>
 *   <VerifyButton />
 * </LikenessUIProvider>
 * ```
 */
export function LikenessUIProvider({ locale = 'en', messages, children }: LikenessUIProviderProps) {
  const value = useMemo(
    () => ({ locale: resolveLocale(locale), requestedLocale: locale, messages: messages ?? {} }),
    [locale, messages],
  )
  return <UIContext.Provider value={value}>{children}</UIContext.Provider>
}

/**
 * The supported locale closest to a BCP 47 tag.
 *
 * @example
 * ```ts
 * resolveLocale('zh-Hans-CN') // 'zh-CN'
 * resolveLocale('de') // 'en'
 * ```
 */
export function resolveLocale(tag: string): LikenessLocale {
  return /^zh(?![-_](tw|hk|mo|hant)\b)/i.test(tag) ? 'zh-CN' : 'en'
}

/** A function that returns one string of a catalog, with `{name}` values filled in. */
export type Translate<K extends string> = (
  key: K,
  values?: Readonly<Record<string, string | number>>,
) => string

/** The locale and overrides in effect (internal to the package's components). */
export function useUIContext(): UIContextValue {
  return useContext(UIContext)
}

/**
 * Reads strings from a component's catalog in the current locale, overrides first (the
 * component's own `messages` prop, then the provider's).
 */
export function useTranslate<K extends string>(
  catalog: MessageCatalog<K>,
  own?: MessageOverrides,
): Translate<K> {
  const { locale, messages } = useContext(UIContext)
  // The same function while the strings stay the same, so contexts built on it stay memoised.
  return useCallback<Translate<K>>(
    (key, values) => {
      const template = own?.[key] ?? messages[key] ?? catalog[locale][key]
      return values
        ? template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))
        : template
    },
    [catalog, own, messages, locale],
  )
}

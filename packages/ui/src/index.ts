export {
  LikenessUIProvider,
  resolveLocale,
  type LikenessUIProviderProps,
  type LikenessLocale,
  type MessageCatalog,
  type MessageOverrides,
} from './i18n.tsx'

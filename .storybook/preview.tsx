import type { Decorator, Preview } from '@storybook/react-vite'
import { LikenessUIProvider } from '../packages/ui/src/index.ts'
import '../packages/ui/src/styles.css'
import './preview.css'

// Every story renders inside the theme and language chosen in the toolbar.
const withThemeAndLocale: Decorator = (Story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light'
  const locale = context.globals.locale === 'zh-CN' ? 'zh-CN' : 'en'
  return (
    <LikenessUIProvider locale={locale}>
      <div className="lk-story" data-lk-theme={theme} lang={locale}>
        <Story />
      </div>
    </LikenessUIProvider>
  )
}

// The story tests run once as in the toolbar's defaults and once dark in Chinese; each run
// defines this (see vitest.config.ts). Storybook itself starts light, in English.
declare const __LK_STORY_GLOBALS__: { theme: string; locale: string } | undefined

const preview: Preview = {
  decorators: [withThemeAndLocale],
  globalTypes: {
    theme: {
      description: 'Light or dark theme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of the components',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'zh-CN', title: '简体中文' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals:
    typeof __LK_STORY_GLOBALS__ === 'undefined'
      ? { theme: 'light', locale: 'en' }
      : __LK_STORY_GLOBALS__,
  parameters: {
    layout: 'padded',
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    // Any axe violation fails the story's test.
    a11y: { test: 'error' },
  },
  tags: ['autodocs'],
}

export default preview

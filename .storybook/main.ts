import type { StorybookConfig } from '@storybook/react-vite'
import { defaultClientConditions, mergeConfig } from 'vite'

const config: StorybookConfig = {
  stories: ['../packages/ui/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  typescript: { reactDocgen: 'react-docgen' },
  // Workspace packages resolve to their sources, so stories never need a build first.
  viteFinal: (vite) =>
    mergeConfig(vite, {
      resolve: { conditions: ['@likeness/source', ...defaultClientConditions] },
    }),
}

export default config

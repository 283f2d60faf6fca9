import * as a11yAddonAnnotations from '@storybook/addon-a11y/preview'
import { setProjectAnnotations } from '@storybook/react-vite'
import * as projectAnnotations from './preview.tsx'

// Applies the preview's decorators and parameters (axe included) to stories run as tests.
setProjectAnnotations([a11yAddonAnnotations, projectAnnotations])

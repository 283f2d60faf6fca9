export { VideoComposer, type VideoComposerProps } from './video-composer.tsx'
export {
  useVideoComposer,
  type VideoComposerContextValue,
  type VideoComposerRootOptions,
  type VideoComposerRootProps,
  type VideoComposerValues,
} from './video-composer-root.tsx'
export { type VideoComposerPromptProps } from './prompt.tsx'
export { type VideoComposerFieldProps } from './settings.tsx'
export { type VideoComposerReferencesProps } from './references.tsx'
export { type VideoComposerSubmitButtonProps } from './submit-button.tsx'
export { type VideoComposerStatusProps } from './status.tsx'
export { type VideoComposerRecentJobsProps } from './recent-jobs.tsx'
export { videoComposerMessages, type VideoComposerMessageKey } from './messages.ts'

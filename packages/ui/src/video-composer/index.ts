import { Prompt } from './prompt.tsx'
import { RecentJobs } from './recent-jobs.tsx'
import { References } from './references.tsx'
import {
  Audio,
  Duration,
  Model,
  Ratio,
  Resolution,
  Seed,
  Settings,
  Watermark,
} from './settings.tsx'
import { Status } from './status.tsx'
import { SubmitButton } from './submit-button.tsx'
import { Root } from './video-composer-root.tsx'
import { VideoComposerDefault } from './video-composer.tsx'

/**
 * The ready-made composer (see its props, {@link VideoComposerProps}), with its parts attached
 * for hosts who arrange their own: `VideoComposer.Root`, `.Prompt`, `.References`, `.Settings`
 * (or `.Model`, `.Duration`, `.Resolution`, `.Ratio`, `.Seed`, `.Audio`, `.Watermark`),
 * `.SubmitButton`, `.Status`, `.RecentJobs`.
 *
 * @example
 * ```tsx
 * <VideoComposer.Root>
 *   <VideoComposer.Prompt />
 *   <VideoComposer.SubmitButton />
 *   <VideoComposer.Status />
 * </VideoComposer.Root>
 * ```
 */
// Pure, so a bundler drops the composer when a host imports only other components.
export const VideoComposer = /* @__PURE__ */ Object.assign(VideoComposerDefault, {
  Root,
  Prompt,
  References,
  Settings,
  Model,
  Duration,
  Resolution,
  Ratio,
  Seed,
  Audio,
  Watermark,
  SubmitButton,
  Status,
  RecentJobs,
})

export type { VideoComposerProps } from './video-composer.tsx'
export {
  useVideoComposer,
  type VideoComposerContextValue,
  type VideoComposerRootOptions,
  type VideoComposerRootProps,
  type VideoComposerValues,
  type VideoComposerSlot,
} from './video-composer-root.tsx'
export { type VideoComposerPromptProps } from './prompt.tsx'
export { type VideoComposerFieldProps } from './settings.tsx'
export { type VideoComposerReferencesProps } from './references.tsx'
export { type VideoComposerSubmitButtonProps } from './submit-button.tsx'
export { type VideoComposerStatusProps } from './status.tsx'
export { type VideoComposerRecentJobsProps } from './recent-jobs.tsx'
export { videoComposerMessages, type VideoComposerMessageKey } from './messages.ts'

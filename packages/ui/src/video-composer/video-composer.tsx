import { Prompt } from './prompt.tsx'
import { RecentJobs } from './recent-jobs.tsx'
import { References } from './references.tsx'
import { Settings } from './settings.tsx'
import { Status } from './status.tsx'
import { SubmitButton } from './submit-button.tsx'
import { Root, type VideoComposerRootProps } from './video-composer-root.tsx'

/**
 * Props of {@link VideoComposer}: those of {@link VideoComposer.Root}, without children.
 *
 * @example
 * ```tsx
 * const props: VideoComposerProps = { defaultValues: { model: 'dreamina-seedance-2-0-fast' } }
 * ```
 */
export type VideoComposerProps = Omit<VideoComposerRootProps, 'children'>

/**
 * Writes a Seedance 2.0 video request and follows the job to the finished video: prompt,
 * portraits, settings, validation beside each field, progress, the video, and recent jobs.
 * Needs a `LikenessProvider` above it; speaks the language of `LikenessUIProvider`.
 *
 * The parts are on the same object, to rearrange inside `VideoComposer.Root`: `Prompt`,
 * `References`, `Settings` (or its fields alone: `Model`, `Duration`, `Resolution`, `Ratio`,
 * `Seed`, `Audio`, `Watermark`), `SubmitButton`, `Status` and `RecentJobs`. Read the state in
 * parts of your own with `useVideoComposer`.
 *
 * @example
 * ```tsx
 * <VideoComposer
 *   defaultValues={{ durationSeconds: 8, ratio: '9:16' }}
 *   references={selection}
 *   onReferencesChange={setSelection}
 *   onCompleted={(job) => toast('Your video is ready')}
 * />
 *
 * <VideoComposer.Root>
 *   <VideoComposer.Prompt />
 *   <VideoComposer.Model />
 *   <VideoComposer.SubmitButton />
 *   <VideoComposer.Status />
 * </VideoComposer.Root>
 * ```
 */
function VideoComposer(props: VideoComposerProps) {
  return (
    <Root {...props}>
      <Prompt />
      <References />
      <Settings />
      <SubmitButton />
      <Status />
      <RecentJobs />
    </Root>
  )
}

// The parts are attached to it in index.ts.
export { VideoComposer as VideoComposerDefault }

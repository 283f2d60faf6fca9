import {
  modelSupports,
  VIDEO_LIMITS,
  VIDEO_MODELS,
  VIDEO_RATIOS,
  VIDEO_RESOLUTIONS,
  type VideoModel,
  type VideoRatio,
  type VideoResolution,
} from '@likeness/core'
import { RadioGroup, Switch } from 'radix-ui'
import type { ComponentPropsWithRef, CSSProperties } from 'react'
import { Button } from '../primitives/button.tsx'
import { flag, useField } from './field.tsx'
import { useComposerPart, type VideoComposerSlot } from './video-composer-root.tsx'

/**
 * Props of every settings part ({@link VideoComposer.Settings}, `.Model`, `.Duration`,
 * `.Resolution`, `.Ratio`, `.Seed`, `.Audio`, `.Watermark`): a `div`'s props for the field.
 *
 * @example
 * ```tsx
 * const props: VideoComposerFieldProps = { className: 'compact' }
 * ```
 */
export type VideoComposerFieldProps = ComponentPropsWithRef<'div'>

const DURATIONS = Array.from(
  { length: VIDEO_LIMITS.maxDurationSeconds - VIDEO_LIMITS.minDurationSeconds + 1 },
  (_, index) => VIDEO_LIMITS.minDurationSeconds + index,
)

/**
 * Every setting, in one group: model, duration, resolution, aspect ratio, seed, audio and
 * watermark. Use the single parts instead to lay them out yourself.
 *
 * @example
 * ```tsx
 * <VideoComposer.Root>
 *   <VideoComposer.Settings />
 * </VideoComposer.Root>
 * ```
 */
export function Settings({ className, style, ...rest }: VideoComposerFieldProps) {
  const { disabled, slotProps } = useComposerPart('Settings')
  return (
    <div
      {...slotProps('settings', 'lk-composer-settings', { className, style })}
      data-disabled={flag(disabled)}
      {...rest}
    >
      <Model />
      <Duration />
      <Resolution />
      <Ratio />
      <Seed />
      <div {...slotProps('switches', 'lk-composer-switches')}>
        <Audio />
        <Watermark />
      </div>
    </div>
  )
}

/**
 * The model, as a native select with human names (`Seedance 2.0`, `Seedance 2.0 Fast`).
 * Choosing the fast model while 1080p is chosen lowers the resolution to 720p and says so.
 *
 * Data attributes: `data-invalid`, `data-disabled`.
 *
 * @example
 * ```tsx
 * <VideoComposer.Model />
 * ```
 */
export function Model({ className, style, ...rest }: VideoComposerFieldProps) {
  const { composer, id, control, wrapper, error } = useField('model', 'Model', 'model')
  const { values, setValue, t, slotProps } = composer
  return (
    <div {...wrapper('lk-composer-model', { className, style })} {...rest}>
      <label htmlFor={id} {...slotProps('label', 'lk-label')}>
        {t('composer.model.label')}
      </label>
      <select
        {...control()}
        {...slotProps('control', 'lk-field')}
        value={values.model}
        onChange={(event) => {
          setValue('model', event.target.value as VideoModel)
        }}
      >
        {VIDEO_MODELS.map((model) => (
          <option key={model} value={model}>
            {t(`composer.model.${model}`)}
          </option>
        ))}
      </select>
      {error}
    </div>
  )
}

/**
 * The duration in whole seconds (4 to 15), as a native select.
 *
 * Data attributes: `data-invalid`, `data-disabled`.
 *
 * @example
 * ```tsx
 * <VideoComposer.Duration />
 * ```
 */
export function Duration({ className, style, ...rest }: VideoComposerFieldProps) {
  const { composer, id, control, wrapper, error } = useField(
    'durationSeconds',
    'Duration',
    'duration',
  )
  const { values, setValue, t, slotProps } = composer
  return (
    <div {...wrapper('lk-composer-duration', { className, style })} {...rest}>
      <label htmlFor={id} {...slotProps('label', 'lk-label')}>
        {t('composer.duration.label')}
      </label>
      <select
        {...control()}
        {...slotProps('control', 'lk-field')}
        value={values.durationSeconds}
        onChange={(event) => {
          setValue('durationSeconds', Number(event.target.value))
        }}
      >
        {DURATIONS.map((seconds) => (
          <option key={seconds} value={seconds}>
            {t('composer.duration.option', { seconds })}
          </option>
        ))}
      </select>
      {error}
    </div>
  )
}

/**
 * The resolution, as a radio group. A resolution the model cannot render is disabled, and the
 * reason is shown beside the group (and announced when the resolution had to be lowered).
 *
 * Data attributes: `data-invalid`, `data-disabled`; on each option Radix's `data-state`
 * (`checked`, `unchecked`) and `data-disabled`, and `data-unsupported` when the model cannot
 * render it.
 *
 * @example
 * ```tsx
 * <VideoComposer.Resolution />
 * ```
 */
export function Resolution({ className, style, ...rest }: VideoComposerFieldProps) {
  const { composer, id, control, wrapper, error } = useField(
    'resolution',
    'Resolution',
    'resolution',
  )
  const { values, setValue, loweredBy, t, slotProps } = composer
  const { model } = values
  const max = VIDEO_LIMITS.maxResolutionByModel[model]
  const limited = VIDEO_RESOLUTIONS.indexOf(max) < VIDEO_RESOLUTIONS.length - 1
  const names = { model: t(`composer.model.${model}`), max }
  const reasonId = `${id}-reason`
  const { disabled, ...props } = control(limited && reasonId)
  return (
    <div {...wrapper('lk-composer-resolution', { className, style })} {...rest}>
      <div id={`${id}-label`} {...slotProps('label', 'lk-label')}>
        {t('composer.resolution.label')}
      </div>
      <RadioGroup.Root
        {...props}
        aria-labelledby={`${id}-label`}
        {...slotProps('segments', 'lk-composer-segments')}
        orientation="horizontal"
        disabled={disabled}
        value={values.resolution}
        onValueChange={(next) => {
          setValue('resolution', next as VideoResolution)
        }}
      >
        {VIDEO_RESOLUTIONS.map((resolution) => (
          <RadioGroup.Item
            key={resolution}
            value={resolution}
            disabled={!modelSupports(model, resolution)}
            data-unsupported={flag(!modelSupports(model, resolution))}
            {...slotProps('segment', 'lk-composer-segment')}
          >
            {resolution}
          </RadioGroup.Item>
        ))}
      </RadioGroup.Root>
      <p id={reasonId} role="status" {...slotProps('hint', 'lk-hint')}>
        {loweredBy === model
          ? t('composer.resolution.lowered', names)
          : limited
            ? t('composer.resolution.limit', names)
            : ''}
      </p>
      {error}
    </div>
  )
}

/**
 * The aspect ratio, as a radio group of shapes: a small rectangle of each ratio with its name,
 * and its own icon for `adaptive` (the model follows the reference image). Arrow keys move
 * between them.
 *
 * Data attributes: `data-invalid`, `data-disabled`; on each option `data-ratio` and Radix's
 * `data-state`. The shape's aspect is the CSS variable `--lk-ratio`.
 *
 * @example
 * ```tsx
 * <VideoComposer.Ratio />
 * ```
 */
export function Ratio({ className, style, ...rest }: VideoComposerFieldProps) {
  const { composer, id, control, wrapper, error } = useField('ratio', 'Ratio', 'ratio')
  const { values, setValue, t, slotProps } = composer
  const { disabled, ...props } = control()
  return (
    <div {...wrapper('lk-composer-ratio', { className, style })} {...rest}>
      <div id={`${id}-label`} {...slotProps('label', 'lk-label')}>
        {t('composer.ratio.label')}
      </div>
      <RadioGroup.Root
        {...props}
        aria-labelledby={`${id}-label`}
        {...slotProps('ratios', 'lk-composer-ratios')}
        orientation="horizontal"
        disabled={disabled}
        value={values.ratio}
        onValueChange={(next) => {
          setValue('ratio', next as VideoRatio)
        }}
      >
        {VIDEO_RATIOS.map((ratio) => (
          <RadioGroup.Item
            key={ratio}
            value={ratio}
            data-ratio={ratio}
            {...slotProps('ratioOption', 'lk-composer-ratio-option')}
          >
            {ratio === 'adaptive' ? (
              <svg
                {...slotProps('ratioShape', 'lk-composer-shape')}
                viewBox="0 0 24 24"
                aria-hidden="true"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              >
                <path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" />
                <path d="M9 12h6M12 9v6" />
              </svg>
            ) : (
              <span
                {...slotProps('ratioShape', 'lk-composer-shape', {
                  style: { '--lk-ratio': aspect(ratio) } as CSSProperties,
                })}
                aria-hidden="true"
              />
            )}
            <span>{ratio === 'adaptive' ? t('composer.ratio.adaptive') : ratio}</span>
          </RadioGroup.Item>
        ))}
      </RadioGroup.Root>
      {error}
    </div>
  )
}

function aspect(ratio: string): number {
  const [width = 1, height = 1] = ratio.split(':').map(Number)
  return width / height
}

/**
 * The seed: a number input (empty for a random seed) and a button that picks a random one.
 *
 * Data attributes: `data-invalid`, `data-disabled`.
 *
 * @example
 * ```tsx
 * <VideoComposer.Seed />
 * ```
 */
export function Seed({ className, style, ...rest }: VideoComposerFieldProps) {
  const { composer, id, control, wrapper, error } = useField('seed', 'Seed', 'seed')
  const { values, setValue, disabled, t, unstyled, slotProps } = composer
  const hintId = `${id}-hint`
  return (
    <div {...wrapper('lk-composer-seed', { className, style })} {...rest}>
      <label htmlFor={id} {...slotProps('label', 'lk-label')}>
        {t('composer.seed.label')}
      </label>
      <div {...slotProps('row', 'lk-composer-row')}>
        <input
          {...control(hintId)}
          {...slotProps('control', 'lk-field')}
          type="number"
          inputMode="numeric"
          step={1}
          min={0}
          max={VIDEO_LIMITS.maxSeed}
          placeholder={t('composer.seed.placeholder')}
          value={values.seed}
          onChange={(event) => {
            setValue('seed', event.target.value)
          }}
        />
        <Button
          unstyled={unstyled}
          {...slotProps('seedButton')}
          variant="secondary"
          disabled={disabled}
          onClick={() => {
            // Uint32 spans 0 to 4294967295, exactly the seeds Seedance takes.
            setValue('seed', String(crypto.getRandomValues(new Uint32Array(1))[0]))
          }}
        >
          {t('composer.seed.randomise')}
        </Button>
      </div>
      <p id={hintId} {...slotProps('hint', 'lk-hint')}>
        {t('composer.seed.hint')}
      </p>
      {error}
    </div>
  )
}

function Toggle({
  name,
  part,
  slotName,
  className,
  style,
  ...rest
}: VideoComposerFieldProps & {
  name: 'generateAudio' | 'watermark'
  part: string
  slotName: VideoComposerSlot
}) {
  const { composer, id, control, wrapper, error } = useField(name, part, slotName)
  const { values, setValue, t, slotProps } = composer
  return (
    <div {...wrapper('lk-composer-toggle', { className, style })} {...rest}>
      <label htmlFor={id} {...slotProps('label', 'lk-composer-toggle-label')}>
        {t(name === 'watermark' ? 'composer.watermark.label' : 'composer.audio.label')}
      </label>
      <Switch.Root
        {...control()}
        {...slotProps('switch', 'lk-composer-switch')}
        checked={values[name]}
        onCheckedChange={(checked) => {
          setValue(name, checked)
        }}
      >
        <Switch.Thumb {...slotProps('switchThumb', 'lk-composer-switch-thumb')} />
      </Switch.Root>
      {error}
    </div>
  )
}

/**
 * Whether the video gets generated sound, as a switch.
 *
 * Data attributes: `data-invalid`, `data-disabled`; on the switch Radix's `data-state`.
 *
 * @example
 * ```tsx
 * <VideoComposer.Audio />
 * ```
 */
export function Audio(props: VideoComposerFieldProps) {
  return <Toggle {...props} name="generateAudio" part="Audio" slotName="audio" />
}

/**
 * Whether the video gets a watermark, as a switch.
 *
 * Data attributes: `data-invalid`, `data-disabled`; on the switch Radix's `data-state`.
 *
 * @example
 * ```tsx
 * <VideoComposer.Watermark />
 * ```
 */
export function Watermark(props: VideoComposerFieldProps) {
  return <Toggle {...props} name="watermark" part="Watermark" slotName="watermark" />
}

import { useRef, useState, type DragEvent } from 'react'

/**
 * Options of {@link useDropzone}.
 *
 * @example
 * ```ts
 * const options: UseDropzoneOptions = { onFiles: (files) => upload(files) }
 * ```
 */
export interface UseDropzoneOptions {
  /** Called with the files dropped on the zone. */
  onFiles: (files: File[]) => void
  /** Ignores drops (the browser then opens nothing either). */
  disabled?: boolean | undefined
}

// Method syntax lets a handler of a narrower element (a div's) fit, as React's own types do.
type Handler = { bivariance(event: DragEvent<HTMLElement>): void }['bivariance']

interface DropHandlers {
  onDragEnter?: Handler | undefined
  onDragOver?: Handler | undefined
  onDragLeave?: Handler | undefined
  onDrop?: Handler | undefined
}

/**
 * What {@link useDropzone} returns.
 *
 * @example
 * ```tsx
 * const { isDragging, getRootProps }: DropzoneState = useDropzone({ onFiles: upload })
 * ```
 */
export interface DropzoneState {
  /** Files are being dragged over the zone. */
  isDragging: boolean
  /** Drag and drop handlers for the zone, merged with yours (yours run first). */
  getRootProps: <P extends DropHandlers>(
    own?: P,
  ) => P & Required<DropHandlers> & { 'data-dragging': '' | undefined }
}

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files')

/**
 * Drag-and-drop behaviour for any element: tells when files hover it (`isDragging`, also as
 * `data-dragging`) and hands over dropped files. Drags of text or links are left alone.
 *
 * @example
 * ```tsx
 * const { getRootProps, isDragging } = useDropzone({ onFiles: upload })
 * return <div {...getRootProps({ className: 'zone' })}>{isDragging ? 'Drop' : 'Drag files here'}</div>
 * ```
 */
export function useDropzone({ onFiles, disabled = false }: UseDropzoneOptions): DropzoneState {
  const [isDragging, setDragging] = useState(false)
  // Entering a child fires enter on it before leave on the parent: count, do not toggle.
  const depth = useRef(0)
  const getRootProps = <P extends DropHandlers>(own?: P) =>
    ({
      ...own,
      'data-dragging': isDragging && !disabled ? '' : undefined,
      onDragEnter: (event: DragEvent<HTMLElement>) => {
        own?.onDragEnter?.(event)
        if (disabled || !hasFiles(event)) return
        event.preventDefault()
        depth.current += 1
        setDragging(true)
      },
      onDragOver: (event: DragEvent<HTMLElement>) => {
        own?.onDragOver?.(event)
        if (disabled || !hasFiles(event)) return
        // Without this the browser refuses the drop.
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
      },
      onDragLeave: (event: DragEvent<HTMLElement>) => {
        own?.onDragLeave?.(event)
        if (disabled || !hasFiles(event)) return
        depth.current = Math.max(0, depth.current - 1)
        if (depth.current === 0) setDragging(false)
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        own?.onDrop?.(event)
        depth.current = 0
        setDragging(false)
        if (disabled || event.defaultPrevented || !hasFiles(event)) return
        event.preventDefault()
        onFiles(Array.from(event.dataTransfer.files))
      },
    }) as P & Required<DropHandlers> & { 'data-dragging': '' | undefined }
  return { isDragging: isDragging && !disabled, getRootProps }
}

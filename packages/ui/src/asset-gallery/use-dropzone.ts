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

interface DropHandlers<T> {
  onDragEnter?: ((event: DragEvent<T>) => void) | undefined
  onDragOver?: ((event: DragEvent<T>) => void) | undefined
  onDragLeave?: ((event: DragEvent<T>) => void) | undefined
  onDrop?: ((event: DragEvent<T>) => void) | undefined
}

/** What {@link useDropzone} returns. */
export interface Dropzone {
  /** Files are being dragged over the zone. */
  isDragging: boolean
  /** Drag and drop handlers for the zone, merged with yours (yours run first). */
  getRootProps: <T extends HTMLElement, P extends DropHandlers<T>>(
    own?: P,
  ) => P & Required<DropHandlers<T>> & { 'data-dragging'?: '' }
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
export function useDropzone({ onFiles, disabled = false }: UseDropzoneOptions): Dropzone {
  const [isDragging, setDragging] = useState(false)
  // Entering a child fires enter on it before leave on the parent: count, do not toggle.
  const depth = useRef(0)
  return {
    isDragging: isDragging && !disabled,
    getRootProps: (own) =>
      ({
        ...own,
        'data-dragging': isDragging && !disabled ? '' : undefined,
        onDragEnter: (event: DragEvent<HTMLElement>) => {
          own?.onDragEnter?.(event as never)
          if (disabled || !hasFiles(event)) return
          event.preventDefault()
          depth.current += 1
          setDragging(true)
        },
        onDragOver: (event: DragEvent<HTMLElement>) => {
          own?.onDragOver?.(event as never)
          if (disabled || !hasFiles(event)) return
          // Without this the browser refuses the drop.
          event.preventDefault()
          event.dataTransfer.dropEffect = 'copy'
        },
        onDragLeave: (event: DragEvent<HTMLElement>) => {
          own?.onDragLeave?.(event as never)
          if (disabled || !hasFiles(event)) return
          depth.current = Math.max(0, depth.current - 1)
          if (depth.current === 0) setDragging(false)
        },
        onDrop: (event: DragEvent<HTMLElement>) => {
          own?.onDrop?.(event as never)
          depth.current = 0
          setDragging(false)
          if (disabled || event.defaultPrevented || !hasFiles(event)) return
          event.preventDefault()
          onFiles(Array.from(event.dataTransfer.files))
        },
      }) as never,
  }
}

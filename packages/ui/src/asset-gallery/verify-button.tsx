import { VerifyButton } from '../verify-button/index.ts'
import { useGalleryPart } from './asset-gallery-root.tsx'

/**
 * The `VerifyButton` the gallery offers while the person is not verified, with the root's
 * `verifyButtonProps` and `unstyled`. Pass it to `AssetGallery.Grid`'s `notVerified`; a
 * gallery assembled without it does not bundle the `VerifyButton`.
 *
 * @example
 * ```tsx
 * <AssetGallery.Grid notVerified={<AssetGallery.VerifyButton />} />
 * ```
 */
export function AssetGalleryVerifyButton() {
  const { unstyled, verifyButtonProps } = useGalleryPart('VerifyButton')
  return <VerifyButton unstyled={unstyled} {...verifyButtonProps} />
}

import type { MessageCatalog } from '../i18n.tsx'

const en = {
  'gallery.label': 'Your likeness files',
  'gallery.keyboardHint':
    'Use the arrow keys to move between files, Enter or Space to preview, Delete to delete.',
  'gallery.keyboardHintSelect':
    'Use the arrow keys to move between files, Space to select, Enter to preview, Delete to delete.',
  'gallery.count': '{count} files',
  'gallery.countOne': '1 file',

  'gallery.dropzone.title': 'Add photos, videos or voice recordings',
  'gallery.dropzone.hint': 'Drag files here, paste them, or choose them from your device.',
  'gallery.dropzone.dragging': 'Drop the files to upload them',
  'gallery.dropzone.disabled': 'Verify that it is you before adding files.',
  'gallery.upload.choose': 'Choose files',
  'gallery.upload.camera': 'Use the camera',

  'gallery.uploads.label': 'Uploads',
  'gallery.uploads.clear': 'Clear finished',
  'gallery.upload.checking': 'Checking the file…',
  'gallery.upload.queued': 'Waiting to upload…',
  'gallery.upload.uploading': 'Uploading, {percent}%',
  'gallery.upload.uploaded': 'Uploaded',
  'gallery.upload.failed': 'Upload failed',
  'gallery.upload.rejected': 'Not added',
  'gallery.upload.aborted': 'Upload cancelled',
  'gallery.upload.abort': 'Cancel',
  'gallery.upload.abortLabel': 'Cancel uploading {name}',
  'gallery.upload.retry': 'Retry',
  'gallery.upload.retryLabel': 'Retry uploading {name}',
  'gallery.upload.dismiss': 'Dismiss',
  'gallery.upload.dismissLabel': 'Dismiss {name}',
  'gallery.upload.untitled': 'Untitled file',

  'gallery.announce.progress': '{name}: {percent}% uploaded',
  'gallery.announce.uploaded': '{name} uploaded. It is being checked now.',
  'gallery.announce.failed': '{name} could not be uploaded. {reason}',
  'gallery.announce.rejected': '{name} was not added. {reason}',
  'gallery.announce.aborted': 'Upload of {name} cancelled.',

  'gallery.rejection.empty': 'The file is empty.',
  'gallery.rejection.too_large': 'The file is too large: the limit is {max} MB.',
  'gallery.rejection.unsupported_type':
    'This kind of file is not supported. Use a JPEG, PNG, WebP or HEIC photo, an MP4, MOV or WebM video, or an MP3, WAV or M4A recording.',
  'gallery.rejection.not_accepted': 'Only {kinds} can be added here.',
  'gallery.rejection.image_too_small':
    'The photo is too small: each side needs at least {min} pixels.',
  'gallery.rejection.media_too_long': 'The recording is too long: at most {seconds} seconds.',
  'gallery.kinds.image': 'photos',
  'gallery.kinds.video': 'videos',
  'gallery.kinds.audio': 'voice recordings',
  'gallery.kinds.separator': ', ',

  'gallery.error.invalid_request': 'The request was not valid.',
  'gallery.error.unauthorized': 'Please sign in again.',
  'gallery.error.forbidden': 'You are not allowed to do this.',
  'gallery.error.not_found': 'The file no longer exists.',
  'gallery.error.conflict': 'Something changed in the meantime. Reload and try again.',
  'gallery.error.payload_too_large': 'The file is too large for the server.',
  'gallery.error.unsupported_media': 'The server does not accept this kind of file.',
  'gallery.error.not_verified': 'Verify that it is you first.',
  'gallery.error.rate_limited': 'Too many requests right now. Wait a moment and try again.',
  'gallery.error.upstream_error': 'The video service ran into a problem. Try again.',
  'gallery.error.upstream_unavailable':
    'The video service is unavailable right now. Try again later.',
  'gallery.error.malformed_response':
    'The server sent an answer that could not be read. Try again.',
  'gallery.error.timeout': 'The server took too long to answer. Try again.',
  'gallery.error.network': 'You seem to be offline. Check your connection and try again.',
  'gallery.error.aborted': 'Cancelled.',
  'gallery.error.unknown': 'Something went wrong. Try again.',

  'gallery.assetError.FaceMismatch': 'This face does not match the verified person.',
  'gallery.assetError.InvalidMedia': 'The file could not be read as a photo, video or recording.',
  'gallery.assetError.other': 'The file could not be processed.',

  'gallery.status.processing': 'Processing',
  'gallery.status.active': 'Active',
  'gallery.status.failed': 'Failed',
  'gallery.type.image': 'Photo',
  'gallery.type.video': 'Video',
  'gallery.type.audio': 'Voice recording',

  'gallery.filter.label': 'Status',
  'gallery.filter.all': 'All',
  'gallery.search.label': 'Search by name',
  'gallery.search.placeholder': 'Search files',
  'gallery.sort.label': 'Sort',
  'gallery.sort.newest': 'Newest first',
  'gallery.sort.oldest': 'Oldest first',
  'gallery.sort.updated': 'Recently updated',
  'gallery.sort.updatedOldest': 'Least recently updated',

  'gallery.loading': 'Loading your files…',
  'gallery.loadingMore': 'Loading more files…',
  'gallery.empty.title': 'No files yet',
  'gallery.empty.body': 'Add a few clear photos of your face, a short video or a voice recording.',
  'gallery.noMatches': 'No files match these filters.',
  'gallery.clearFilters': 'Clear filters',
  'gallery.notVerified.title': 'Verify that it is you first',
  'gallery.notVerified.body':
    'A quick liveness check confirms that the person in your files is you. Then you can add photos, videos and recordings.',
  'gallery.listError.title': 'Your files could not be loaded',
  'gallery.retry': 'Try again',

  'gallery.tile.preview': 'Preview {name}',
  'gallery.tile.delete': 'Delete {name}',
  'gallery.tile.selected': 'Selected',

  'gallery.preview.close': 'Close',
  'gallery.preview.added': 'Added {date}',
  'gallery.preview.select': 'Select',
  'gallery.preview.deselect': 'Deselect',
  'gallery.preview.delete': 'Delete',
  'gallery.preview.none': 'No preview is available yet.',

  'gallery.delete.title': 'Delete “{name}”?',
  'gallery.delete.body':
    'The file is removed from your likeness data for good. This cannot be undone.',
  'gallery.delete.confirm': 'Delete',
  'gallery.cancel': 'Cancel',
  'gallery.delete.failed': '“{name}” could not be deleted, so it is back in your files. {reason}',
  'gallery.dismiss': 'Dismiss',

  'gallery.deleteAll.trigger': 'Delete all my likeness data',
  'gallery.deleteAll.title': 'Delete all your likeness data?',
  'gallery.deleteAll.body':
    'Every photo, video and recording, and your verification, will be deleted for good. You can verify again afterwards.',
  'gallery.deleteAll.word': 'DELETE',
  'gallery.deleteAll.prompt': 'Type {word} to confirm',
  'gallery.deleteAll.confirm': 'Delete everything',
  'gallery.deleteAll.pending': 'Deleting…',
  'gallery.deleteAll.failed': 'Your data could not be deleted. {reason}',
} as const

/**
 * Every string key of the asset gallery; override any of them with the `messages` prop or a
 * `LikenessUIProvider`.
 *
 * @example
 * ```ts
 * const key: AssetGalleryMessageKey = 'gallery.empty.title'
 * ```
 */
export type AssetGalleryMessageKey = keyof typeof en

/**
 * The asset gallery's strings in English and Simplified Chinese. `{name}` marks a value
 * filled in at render time.
 *
 * @example
 * ```tsx
 * <AssetGallery messages={{ 'gallery.empty.title': assetGalleryMessages.en['gallery.empty.title'] }} />
 * ```
 */
export const assetGalleryMessages: MessageCatalog<AssetGalleryMessageKey> = {
  en,
  'zh-CN': {
    'gallery.label': '你的肖像素材',
    'gallery.keyboardHint': '用方向键在文件间移动，按 Enter 或空格键预览，按 Delete 键删除。',
    'gallery.keyboardHintSelect':
      '用方向键在文件间移动，按空格键选择，按 Enter 键预览，按 Delete 键删除。',
    'gallery.count': '共 {count} 个文件',
    'gallery.countOne': '共 1 个文件',

    'gallery.dropzone.title': '添加照片、视频或录音',
    'gallery.dropzone.hint': '把文件拖到这里、直接粘贴，或从设备中选择。',
    'gallery.dropzone.dragging': '松开即可上传',
    'gallery.dropzone.disabled': '请先完成本人验证，再添加文件。',
    'gallery.upload.choose': '选择文件',
    'gallery.upload.camera': '使用相机',

    'gallery.uploads.label': '上传',
    'gallery.uploads.clear': '清除已完成',
    'gallery.upload.checking': '正在检查文件…',
    'gallery.upload.queued': '等待上传…',
    'gallery.upload.uploading': '正在上传，{percent}%',
    'gallery.upload.uploaded': '已上传',
    'gallery.upload.failed': '上传失败',
    'gallery.upload.rejected': '未添加',
    'gallery.upload.aborted': '已取消上传',
    'gallery.upload.abort': '取消',
    'gallery.upload.abortLabel': '取消上传 {name}',
    'gallery.upload.retry': '重试',
    'gallery.upload.retryLabel': '重试上传 {name}',
    'gallery.upload.dismiss': '移除',
    'gallery.upload.dismissLabel': '移除 {name}',
    'gallery.upload.untitled': '未命名文件',

    'gallery.announce.progress': '{name}：已上传 {percent}%',
    'gallery.announce.uploaded': '{name} 已上传，正在审核。',
    'gallery.announce.failed': '{name} 上传失败。{reason}',
    'gallery.announce.rejected': '{name} 未能添加。{reason}',
    'gallery.announce.aborted': '已取消上传 {name}。',

    'gallery.rejection.empty': '文件是空的。',
    'gallery.rejection.too_large': '文件太大，不能超过 {max} MB。',
    'gallery.rejection.unsupported_type':
      '不支持这种文件。请使用 JPEG、PNG、WebP 或 HEIC 照片，MP4、MOV 或 WebM 视频，或 MP3、WAV 或 M4A 录音。',
    'gallery.rejection.not_accepted': '这里只能添加{kinds}。',
    'gallery.rejection.image_too_small': '照片太小，每条边至少需要 {min} 像素。',
    'gallery.rejection.media_too_long': '录制内容太长，最长 {seconds} 秒。',
    'gallery.kinds.image': '照片',
    'gallery.kinds.video': '视频',
    'gallery.kinds.audio': '录音',
    'gallery.kinds.separator': '、',

    'gallery.error.invalid_request': '请求无效。',
    'gallery.error.unauthorized': '请重新登录。',
    'gallery.error.forbidden': '你没有执行此操作的权限。',
    'gallery.error.not_found': '该文件已不存在。',
    'gallery.error.conflict': '内容已有变化，请刷新后重试。',
    'gallery.error.payload_too_large': '文件超出了服务器允许的大小。',
    'gallery.error.unsupported_media': '服务器不接受这种文件。',
    'gallery.error.not_verified': '请先完成本人验证。',
    'gallery.error.rate_limited': '当前请求过于频繁，请稍候再试。',
    'gallery.error.upstream_error': '视频服务出现问题，请重试。',
    'gallery.error.upstream_unavailable': '视频服务暂时不可用，请稍后再试。',
    'gallery.error.malformed_response': '无法读取服务器的响应，请重试。',
    'gallery.error.timeout': '服务器响应超时，请重试。',
    'gallery.error.network': '网络似乎已断开，请检查连接后重试。',
    'gallery.error.aborted': '已取消。',
    'gallery.error.unknown': '出了点问题，请重试。',

    'gallery.assetError.FaceMismatch': '此人脸与已验证的本人不一致。',
    'gallery.assetError.InvalidMedia': '无法将该文件识别为照片、视频或录音。',
    'gallery.assetError.other': '该文件无法处理。',

    'gallery.status.processing': '处理中',
    'gallery.status.active': '可用',
    'gallery.status.failed': '未通过',
    'gallery.type.image': '照片',
    'gallery.type.video': '视频',
    'gallery.type.audio': '录音',

    'gallery.filter.label': '状态',
    'gallery.filter.all': '全部',
    'gallery.search.label': '按名称搜索',
    'gallery.search.placeholder': '搜索文件',
    'gallery.sort.label': '排序',
    'gallery.sort.newest': '最新添加',
    'gallery.sort.oldest': '最早添加',
    'gallery.sort.updated': '最近更新',
    'gallery.sort.updatedOldest': '最早更新',

    'gallery.loading': '正在加载你的文件…',
    'gallery.loadingMore': '正在加载更多文件…',
    'gallery.empty.title': '还没有文件',
    'gallery.empty.body': '添加几张清晰的正脸照片、一段短视频或一段录音。',
    'gallery.noMatches': '没有符合筛选条件的文件。',
    'gallery.clearFilters': '清除筛选',
    'gallery.notVerified.title': '请先验证是你本人',
    'gallery.notVerified.body':
      '只需一次简短的活体检测，确认素材中的人就是你，之后即可添加照片、视频和录音。',
    'gallery.listError.title': '无法加载你的文件',
    'gallery.retry': '重试',

    'gallery.tile.preview': '预览 {name}',
    'gallery.tile.delete': '删除 {name}',
    'gallery.tile.selected': '已选择',

    'gallery.preview.close': '关闭',
    'gallery.preview.added': '添加于 {date}',
    'gallery.preview.select': '选择',
    'gallery.preview.deselect': '取消选择',
    'gallery.preview.delete': '删除',
    'gallery.preview.none': '暂时无法预览。',

    'gallery.delete.title': '删除“{name}”？',
    'gallery.delete.body': '该文件将从你的肖像数据中永久移除，且无法恢复。',
    'gallery.delete.confirm': '删除',
    'gallery.cancel': '取消',
    'gallery.delete.failed': '“{name}”未能删除，已恢复到你的文件中。{reason}',
    'gallery.dismiss': '关闭',

    'gallery.deleteAll.trigger': '删除我的全部肖像数据',
    'gallery.deleteAll.title': '删除你的全部肖像数据？',
    'gallery.deleteAll.body':
      '所有照片、视频、录音以及你的本人验证都将被永久删除。之后你可以重新验证。',
    'gallery.deleteAll.word': '删除',
    'gallery.deleteAll.prompt': '输入“{word}”以确认',
    'gallery.deleteAll.confirm': '全部删除',
    'gallery.deleteAll.pending': '正在删除…',
    'gallery.deleteAll.failed': '未能删除你的数据。{reason}',
  },
}

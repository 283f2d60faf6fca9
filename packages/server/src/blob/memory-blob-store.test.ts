import { describeBlobStore } from '../../test/blob-store-suite.ts'
import { createMemoryBlobStore } from './memory-blob-store.ts'

describeBlobStore('createMemoryBlobStore', () =>
  Promise.resolve({ store: createMemoryBlobStore() }),
)

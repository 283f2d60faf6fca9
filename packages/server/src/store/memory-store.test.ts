import { describeStore } from '../../test/store-suite.ts'
import { createMemoryStore } from './memory-store.ts'

describeStore('createMemoryStore', () => Promise.resolve({ store: createMemoryStore() }))

// Node-only parts of @likeness/server: the `http`/Express adapter and the stores that use the
// file system. Browser and edge bundles import `@likeness/server` and never pull these in.
export { toNodeHandler, type NodeHandler } from './node-handler.ts'
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts'
export { createDiskBlobStore, type DiskBlobStoreOptions } from './disk-blob-store.ts'

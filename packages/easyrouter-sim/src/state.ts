import type { MediaKind, SniffedMedia } from './media-sniff.ts'

/** How the person left the H5 page. */
export type H5Outcome = 'pass' | 'fail' | 'mismatch' | 'cancel'

/** A liveness session, stored under its `byted_token` (which never changes). */
export interface SessionRecord {
  /** The API key that created it: the owning account. */
  owner: string
  bytedToken: string
  /** The current `session_id`: the byted token at first, a new value once the H5 step ends. */
  sessionId: string
  /** `''` when the host gave none. */
  callbackUrl: string
  channelId: number
  requestId: string
  createdAt: number
  updatedAt: number
  expiresAt: number
  /** Set when the H5 page is first opened: the link works once. */
  openedAt: number | undefined
  /** One-time value the opened page's form posts back, instead of the link's credentials. */
  formNonce: string | undefined
  completion: SessionCompletion | undefined
  /** `''` until a passing outcome creates the group. */
  groupId: string
  /**
   * The provider's own liveness link with its temporary credentials (the credential canary),
   * as EasyRouter's `raw_response` carries it. Written into `raw_response` only.
   */
  providerLink: string
}

/** The H5 step's result, as reported to the callback. */
export interface SessionCompletion {
  outcome: H5Outcome
  at: number
}

/** A portrait asset group, created when a session passes. */
export interface GroupRecord {
  id: string
  owner: string
  createdAt: number
}

/** An asset error as the API reports it. */
export interface AssetError {
  code: 'DownloadFailed' | 'InvalidMedia' | 'FaceMismatch'
  message: string
}

/** What processing concluded once the download finished. */
export type ProcessingResult =
  | { finishedAt: number; ok: true; bytes: Uint8Array; media: SniffedMedia }
  | { finishedAt: number; ok: false; error: AssetError; bytes?: Uint8Array; media?: SniffedMedia }

/** A portrait asset. */
export interface AssetRecord {
  id: string
  /** Creation order, the tiebreak that keeps list sorting stable. */
  seq: number
  owner: string
  groupId: string
  name: string
  sourceUrl: string
  assetType: MediaKind
  createdAt: number
  /** `undefined` while the download is still running. */
  result: ProcessingResult | undefined
}

/** A Seedance video generation task. */
export interface TaskRecord {
  id: string
  owner: string
  model: string
  createdAt: number
  /** Decided at submission: the prompt asked for a failure (`sim:fail`). */
  willFail: boolean
}

/** Everything the simulator remembers; `/__sim/reset` empties it. */
export interface SimState {
  sessions: Map<string, SessionRecord>
  groups: Map<string, GroupRecord>
  assets: Map<string, AssetRecord>
  tasks: Map<string, TaskRecord>
  nextSeq: number
}

/** A fresh, empty state. */
export function createState(): SimState {
  return { sessions: new Map(), groups: new Map(), assets: new Map(), tasks: new Map(), nextSeq: 1 }
}

/** Empties `state` in place, so every holder of the object sees the reset. */
export function clearState(state: SimState): void {
  state.sessions.clear()
  state.groups.clear()
  state.assets.clear()
  state.tasks.clear()
  state.nextSeq = 1
}

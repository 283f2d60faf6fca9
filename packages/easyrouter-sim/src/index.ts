// The public surface of @likeness/easyrouter-sim. Web-standard APIs only (no `node:` imports):
// this entry also runs inside a browser page. The HTTP server lives in `./node`.
export { createSimulator, type Simulator } from './simulator.ts'
export {
  CREDENTIAL_CANARY_PREFIX,
  DEFAULT_MAX_ASSET_BYTES,
  DEFAULT_TIMINGS,
  type SimulatorOptions,
  type SimulatorTimings,
} from './options.ts'
export {
  createManualClock,
  createSystemClock,
  isAdjustableClock,
  type AdjustableClock,
  type ManualClock,
  type SimClock,
} from './clock.ts'
export {
  SimulatedDropError,
  type FaultInfo,
  type FaultRegistry,
  type FaultRule,
  type RemoveFault,
} from './faults.ts'
export type { LoggedRequest, RequestLog } from './request-log.ts'
export { FACE_MISMATCH_MARKER } from './asset-processing.ts'
export { FAIL_PROMPT_MARKER } from './videos.ts'
export { MANAGEMENT_PREFIX } from './router.ts'
export { SIM_CONTROL_HEADER } from './control.ts'

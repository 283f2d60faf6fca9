export {
  startSimulatorServer,
  type SimulatorServer,
  type SimulatorServerOptions,
} from './server.ts'

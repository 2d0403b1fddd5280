export {
  findCheckpoint,
  loadCheckpoint,
  POINTER,
  type SaveCheckpointOptions,
  type SaveStage,
  saveCheckpoint,
} from './checkpointDir.js';
export { type MetricsWriterOptions, MetricsWriter, readMetrics } from './metricsWriter.js';
export { loadSafetensors, saveSafetensors } from './safetensorsFile.js';
export { fsyncDirectory, writeFileAtomic } from './atomic.js';

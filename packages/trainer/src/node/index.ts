export { fsyncDirectory, writeFileAtomic } from './atomic.js';
export {
  findCheckpoint,
  loadCheckpoint,
  POINTER,
  type SaveCheckpointOptions,
  type SaveStage,
  saveCheckpoint,
} from './checkpointDir.js';
export { MetricsWriter, type MetricsWriterOptions, readMetrics } from './metricsWriter.js';
export { loadSafetensors, saveSafetensors } from './safetensorsFile.js';

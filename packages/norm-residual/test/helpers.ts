// The shared test helpers of @xf/tensor, under the short names this package's tests use.
import { testing } from '@xf/tensor';

export const TOL = testing.FLOAT32_TOLERANCE;
export const configs: testing.BackendConfig[] = testing.otherBackendConfigs();
export const { onReference: onJs, sample, valueAndGrads } = testing;

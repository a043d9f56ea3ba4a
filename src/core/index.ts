// Public API of the numeric core. Everything here is pure: no Node, no VS Code.
export * from './metrics';
export * from './stats';
export { analyzeBatch } from './batch';
export { analyzeMatrix6, analyzeMatrix9, analyzeRange6, analyzeRange9 } from './analyze';
export { inspectRecord } from './record';
export type { GsRecord, InspectRecord, InspectRecord6D, InspectRecord9D, RecordNumber } from './record';
export { svd3 } from './svd3';
export { det3, det3Accurate, orthogonalityDefect } from './mat3';
export { distanceToSO3, projectToSO3 } from './projection';
export { gain, jacobianGains, jacobianKappa, projectionBackward } from './jacobian';
export {
  gramSchmidt,
  gramSchmidtColumns,
  gramSchmidtSpectrum,
  transpose3InPlace,
  GS_COLLINEAR_SIN2,
  GS_DEGENERATE,
  GS_ROTATION_UNDEFINED,
  GS_KAPPA,
  GS_RHO,
  GS_SV1,
  GS_SV2,
  GS_SV3,
} from './gramSchmidt';
export { clampChannelFactors, maxDirectionErrorDeg, taylorChannelFactors } from './stabilized';

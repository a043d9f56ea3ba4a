// Public API of the demo trainer (pure: no Node, no VS Code). The CLI's `so3lens demo` writes its files.
export { DEFAULT_DEMO_CONFIG, loggedSteps, trainRun } from './trainer';
export type { DemoConfig, LogEntry, RunResult } from './trainer';
export { REGIMES, geodesicDeg, inferenceRotation, lossAndGradient, outputSizeOf } from './regimes';
export type { RegimeName } from './regimes';
export { jsonlLine, runJsonl, runNpy } from './logFiles';
export { npyFloat32, npyHeader } from './npyWriter';
export { PythonInt, pythonFloat, pythonJson } from './pythonJson';
export { Mlp } from './mlp';
export { Adam } from './adam';
export { Random, randomRotation } from './random';
export { RotationTask } from './task';
export { gramSchmidtBackward, gramSchmidtForward, GS_STATE_SIZE } from './gramSchmidt6d';

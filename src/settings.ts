// The extension's settings, typed once. package.json's `contributes.configuration` is generated
// from this table (`npm run manifest`) and a unit test fails when the two drift apart.
// Pure: no `vscode` here, so the table can be tested on plain Node; src/config.ts reads it in VS Code.

import { FLAGS, type FlagName } from './core/metrics';
import { HOVER_LANGUAGES } from './constants';

interface SettingBase {
  markdownDescription: string;
  scope?: 'resource' | 'window' | 'machine-overridable';
  order: number;
}
type NumberSetting = SettingBase & {
  type: 'number' | 'integer';
  default: number;
  minimum?: number;
  maximum?: number;
};
type BooleanSetting = SettingBase & { type: 'boolean'; default: boolean };
type StringSetting = SettingBase & {
  type: 'string';
  default: string;
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
};
type ArraySetting = SettingBase & {
  type: 'array';
  default: readonly string[];
  items: { type: 'string'; enum?: readonly string[] };
  uniqueItems?: boolean;
};
type Setting = NumberSetting | BooleanSetting | StringSetting | ArraySetting;

const flagKinds = FLAGS.map((f) => f.name);

export const SETTINGS = {
  'thresholds.nearSingular': {
    type: 'number',
    default: 0.05,
    minimum: 0,
    maximum: 1,
    order: 1,
    markdownDescription:
      'Flag a matrix `near-singular` when `s3/s1` is below this. Near `s3 = 0` the SVD projection is discontinuous: the weakest axis flips.',
  },
  'thresholds.kappa': {
    type: 'number',
    default: 10,
    minimum: 1,
    order: 2,
    markdownDescription:
      'Flag a matrix `kappa-high` when the condition number `κ = (σ1+σ2)/(σ2+σ3)` of the SVD projection’s backward Jacobian (or `κ_GS` for 6D logs) is above this.',
  },
  representation: {
    type: 'string',
    default: 'auto',
    enum: ['auto', '9d', '6d'],
    enumDescriptions: ['Detect from the first matrix found.', 'Raw 3x3 matrices.', 'Two 3-vectors (a1, a2).'],
    order: 3,
    markdownDescription:
      'What the logged predictions are: raw 3x3 matrices (`9d`), two 3-vectors (`6d`), or detected.',
  },
  'sixD.layout': {
    type: 'string',
    default: 'columns',
    enum: ['columns', 'rows'],
    enumDescriptions: [
      'a1, a2 are the first two columns of the rotation (Zhou et al. 2019, roma, google-research).',
      'a1, a2 are the first two rows (pytorch3d `rotation_6d_to_matrix`).',
    ],
    order: 4,
    markdownDescription:
      'How a 6D prediction `(a1, a2)` maps to the rotation. The Gram-Schmidt spectrum does not depend on it.',
  },
  'jsonl.matrixKey': {
    type: 'string',
    default: '',
    order: 5,
    markdownDescription:
      'Dotted key path of the matrix field in JSONL/JSON records (e.g. `out.pred`). Empty: found automatically.',
  },
  'jsonl.stepKey': {
    type: 'string',
    default: '',
    order: 6,
    markdownDescription:
      'Dotted key path of the step field. Empty: the first of `step`, `global_step`, `iteration`, `iter`, `it`, `epoch`, else the record’s order.',
  },
  'stabilizer.taylorK': {
    type: 'integer',
    default: 9,
    minimum: 0,
    maximum: 100,
    order: 7,
    markdownDescription:
      'Taylor truncation order `K` of the stabilized SVD gradient whose direction error `φ_max` is reported (Wang et al. 2022 use 9).',
  },
  'stabilizer.clampEps': {
    type: 'number',
    default: 0.01,
    minimum: 0,
    order: 8,
    markdownDescription: 'Clamp floor `ε` on `|s_i² − s_j²|` of the clamped stabilized SVD gradient.',
  },
  'diagnostics.enabled': {
    type: 'boolean',
    default: true,
    order: 9,
    markdownDescription:
      'Show flagged matrices and unreadable lines of an analyzed log in the Problems panel.',
  },
  'diagnostics.severity': {
    type: 'string',
    default: 'warning',
    enum: ['error', 'warning', 'information', 'hint'],
    order: 10,
    markdownDescription:
      'Severity of the diagnostics for flagged matrices (unreadable lines are always errors).',
  },
  'diagnostics.flags': {
    type: 'array',
    default: ['near-singular', 'det-negative', 'kappa-high', 'non-finite'],
    items: { type: 'string', enum: flagKinds },
    uniqueItems: true,
    order: 11,
    markdownDescription: 'Which flags become diagnostics.',
  },
  'diagnostics.clearOnClose': {
    type: 'boolean',
    default: true,
    order: 12,
    markdownDescription: 'Remove a log’s diagnostics when its editor is closed.',
  },
  'codeLens.enabled': {
    type: 'boolean',
    default: true,
    order: 13,
    markdownDescription: 'Show a summary CodeLens at the top of an analyzed log.',
  },
  'codeLens.flaggedSteps': {
    type: 'boolean',
    default: false,
    order: 14,
    markdownDescription: 'Also show a CodeLens on each flagged step’s line.',
  },
  'hover.enabled': {
    type: 'boolean',
    default: true,
    order: 15,
    markdownDescription: 'Show the diagnostics of the matrix under the cursor on hover.',
  },
  'hover.languages': {
    type: 'array',
    default: [],
    items: { type: 'string' },
    uniqueItems: true,
    order: 16,
    markdownDescription: `Languages to hover in, besides ${HOVER_LANGUAGES.map((l) => `\`${l}\``).join(', ')}.`,
  },
  'live.autoWatch': {
    type: 'boolean',
    default: false,
    order: 17,
    markdownDescription: 'Watch every analyzed log for appended lines (a training run still writing it).',
  },
  'live.usePolling': {
    type: 'boolean',
    default: false,
    order: 18,
    markdownDescription:
      'Poll watched logs for changes instead of relying on file-system events (network file systems, logs outside the workspace).',
  },
  'live.pollingIntervalMs': {
    type: 'integer',
    default: 1000,
    minimum: 100,
    order: 19,
    markdownDescription: 'How often a polled log is checked for growth, in milliseconds.',
  },
  maxIssues: {
    type: 'integer',
    default: 100,
    minimum: 1,
    order: 20,
    markdownDescription: 'How many unreadable lines of a log are listed one by one; the rest are counted.',
  },
} as const satisfies Record<string, Setting>;

export type SettingKey = keyof typeof SETTINGS;

type ValueOf<S> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'number' | 'integer' }
    ? number
    : S extends { type: 'array' }
      ? string[]
      : S extends { enum: readonly (infer E)[] }
        ? E
        : string;

export type So3LensConfig = { [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> };

export const DEFAULT_CONFIG: So3LensConfig = Object.fromEntries(
  Object.entries(SETTINGS).map(([key, setting]) => [key, setting.default]),
) as unknown as So3LensConfig;

/** Coerces one raw value (from settings.json, so anything) to the setting's type, else its default. */
export function coerceSetting<K extends SettingKey>(key: K, raw: unknown): So3LensConfig[K] {
  const setting: Setting = SETTINGS[key];
  const fallback = setting.default as So3LensConfig[K];
  switch (setting.type) {
    case 'boolean':
      return (typeof raw === 'boolean' ? raw : fallback) as So3LensConfig[K];
    case 'number':
    case 'integer': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return fallback;
      if (setting.type === 'integer' && !Number.isInteger(raw)) return fallback;
      if (setting.minimum !== undefined && raw < setting.minimum) return fallback;
      if (setting.maximum !== undefined && raw > setting.maximum) return fallback;
      return raw as So3LensConfig[K];
    }
    case 'string':
      if (typeof raw !== 'string') return fallback;
      if (setting.enum && !setting.enum.includes(raw)) return fallback;
      return raw as So3LensConfig[K];
    case 'array': {
      if (!Array.isArray(raw) || !raw.every((x): x is string => typeof x === 'string')) return fallback;
      const allowed = setting.items.enum;
      return (allowed ? raw.filter((x) => allowed.includes(x)) : raw) as So3LensConfig[K];
    }
  }
}

export function diagnosticFlags(config: So3LensConfig): Set<FlagName> {
  return new Set(config['diagnostics.flags'] as FlagName[]);
}

/** The `contributes.configuration` block of package.json, as generated from SETTINGS. */
export function manifestConfiguration(section: string): {
  title: string;
  properties: Record<string, Record<string, unknown>>;
} {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const [key, setting] of Object.entries(SETTINGS)) properties[`${section}.${key}`] = { ...setting };
  return { title: 'SO3 Lens', properties };
}

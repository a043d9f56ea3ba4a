// One line of explanation per flag, in the words a user reads in hovers, diagnostics and reports.
import type { FlagKind } from './analysis';

export const FLAG_EXPLANATIONS: Record<FlagKind, string> = {
  'near-singular':
    's3/s1 is below the threshold: near s3 = 0 the SVD projection is discontinuous (the weakest axis flips).',
  'det-negative':
    'det M < 0: the projection reflects the weakest axis, and κ = (s1+s2)/(s2−s3) diverges as s2 → s3.',
  'kappa-high': 'κ is above the threshold: the SVD backward pass distorts the gradient direction this much.',
  'gs-degenerate': 'a1 is zero or a2 is collinear with a1: Gram-Schmidt is undefined here.',
  'non-finite': 'the matrix holds NaN or Infinity: it is reported, not analyzed.',
};

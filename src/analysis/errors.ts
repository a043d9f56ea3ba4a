// A file that cannot be analyzed at all (missing, unknown format, unreadable header, no matrices).
// Everything else a file can get wrong is an issue inside the result. The CLI maps this to exit 2.

export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** The analysis was cancelled through its AbortSignal. */
export class AnalysisAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(readonly file: string) {
    super(`${file}: analysis cancelled`);
  }
}

/** The error a worker reported (its message, and the file and reason of an AnalysisError). */
export function errorFromWorker(reply: { message: string; file?: string; reason?: string }): Error {
  return reply.file !== undefined && reply.reason !== undefined
    ? new AnalysisError(reply.file, reply.reason)
    : new Error(reply.message);
}

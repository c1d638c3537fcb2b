/** How both stream implementations report the batches they drop. */

/** A reporter of dropped batches that never throws: a failing reporter must not stop a consumer. */
export function invalidReporter(onInvalid: ((reason: string) => void) | undefined): (reason: string) => void {
  const report =
    onInvalid ??
    ((reason: string) => {
      console.warn(`[weft ingest stream] ${reason}`);
    });
  return (reason) => {
    try {
      report(reason);
    } catch {
      // The batch is dropped or settled either way.
    }
  };
}

/** The message of an error, or the error as text. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { ingestContext } from '../../domain/ingest/prepare.ts';
import type { Store } from '../../adapters/store/index.ts';
import { ingestRecords } from '../../domain/ingest/ingest.service.ts';
import type { StreamBatch } from '../../domain/ingest/stream.ts';
import { envelopeInput } from '../../domain/model/envelope.ts';

/**
 * The consumer of the ingest stream: writes each batch like an API batch and keeps its report as
 * an ingest job. Redelivery after a crash is harmless: records are keyed, so a batch written twice
 * is stored once.
 */
export function streamWriter(store: Store, onDropped: (reason: string) => void): (batch: StreamBatch) => Promise<void> {
  return async (batch) => {
    const organisation = await store.organisations.get(batch.organisationId);
    if (organisation === undefined) {
      onDropped(`batch ${batch.batchId}: unknown organisation`);
      return;
    }
    const defaults = envelopeInput.safeParse(batch.envelope ?? {});
    const jobId = await store.jobs.start({
      organisationId: organisation.id,
      channel: 'stream',
      format: 'json',
      sourceSystem: batch.sourceSystem,
    });
    if (!defaults.success) {
      await store.jobs.finish(jobId, 'failed', `batch ${batch.batchId}: invalid default envelope`);
      return;
    }
    // A batch too large for one message arrives in parts; positions stay those of the whole batch.
    const offset = batch.part?.offset ?? 0;
    const report = await ingestRecords(
      batch.records.map((value, position) => ({ position: offset + position, value })),
      ingestContext(organisation, batch.sourceSystem, defaults.data, undefined, {
        actor: batch.actor ?? 'system:stream',
        requestId: batch.requestId ?? null,
      }),
      store.records,
    );
    await store.jobs.addProgress(jobId, report);
    const part = batch.part === undefined ? '' : ` part ${batch.part.index + 1} of ${batch.part.count}`;
    await store.jobs.finish(jobId, 'completed', `batch ${batch.batchId}${part}`);
  };
}

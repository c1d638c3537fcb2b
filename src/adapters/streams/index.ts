/** The ingest stream: NATS JetStream when a server is configured, an in-process queue otherwise. */
import type { IngestStream } from '../../domain/ingest/stream.ts';
import { createMemoryStream, type MemoryStreamOptions } from './memory-stream.ts';
import { openNatsStream, type NatsStreamSettings } from './nats-stream.ts';

export type {
  IngestStream,
  IngestStreamDeliveryOptions,
  StopConsuming,
  StreamBatch,
  StreamBatchHandler,
  StreamBatchPart,
} from '../../domain/ingest/stream.ts';
export { InvalidStreamBatchError, streamBatch } from '../../domain/ingest/stream.ts';
export type { MemoryStreamOptions } from './memory-stream.ts';
export type { NatsStreamOptions, NatsStreamSettings } from './nats-stream.ts';
export { createMemoryStream, openNatsStream };

/** Options of `openIngestStream`: the NATS server, if any, and the settings of either implementation. */
export interface OpenIngestStreamOptions extends NatsStreamSettings, MemoryStreamOptions {
  /** A NATS server with JetStream (e.g. `nats://127.0.0.1:4222`); unset or empty means the in-process queue. */
  readonly natsUrl?: string | undefined;
}

/** Opens the ingest stream on NATS when `natsUrl` is set, in process otherwise. */
export async function openIngestStream(options: OpenIngestStreamOptions = {}): Promise<IngestStream> {
  const { natsUrl, ...settings } = options;
  if (natsUrl !== undefined && natsUrl !== '') return openNatsStream({ ...settings, url: natsUrl });
  return createMemoryStream(settings);
}

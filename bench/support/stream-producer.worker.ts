/**
 * The thread of the monitor bench's producer (see stream-producer.ts): opens the NATS ingest
 * stream with its own connection and publishes the batches it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openIngestStream } from '../../src/adapters/streams/index.ts';
import {
  publishBatches,
  type ProducerReply,
  type ProducerRequest,
  type ProducerStreamSettings,
} from './stream-producer.ts';

const port = parentPort;
if (port === null) throw new Error('the stream producer runs on a worker thread');
const reply = (message: ProducerReply) => {
  const transfer = message.kind === 'published' ? [message.acknowledged.buffer as ArrayBuffer] : [];
  port.postMessage(message, transfer);
};
const failed = (error: unknown) => {
  reply({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
};

const settings = workerData as ProducerStreamSettings;
try {
  const stream = await openIngestStream(settings);
  let loaded: ProducerRequest & { kind: 'load' } = { kind: 'load', batches: [] };
  port.on('message', (request: ProducerRequest) => {
    if (request.kind === 'load') {
      loaded = request;
      reply({ kind: 'loaded' });
      return;
    }
    publishBatches(stream, loaded.batches, request.rate).then((publications) => {
      reply({ kind: 'published', ...publications });
    }, failed);
  });
  reply({ kind: 'ready' });
} catch (error) {
  failed(error);
}

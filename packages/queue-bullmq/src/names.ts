import type { QueueName } from '@scrapifie/engine';

/** BullMQ forbids ':' in queue names: "scrape:http" is kept as "scrape-http". */
export function bullQueueName(queue: QueueName): string {
  return queue.replace(':', '-');
}

/** What a BullMQ job carries: the port's data and the run it belongs to. */
export interface JobEnvelope<T = unknown> {
  runId: string | null;
  data: T;
}

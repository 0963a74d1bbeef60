import type { JobHandler } from '../jobs/job-queue.js';
import type { RoutingService } from './routing.service.js';

/**
 * `routing.deliver`: one attempt to send one photo to one recognised contact's inbox, on this server or
 * another (routing.service.ts `deliver`). A passing failure throws, so the queue retries it with backoff;
 * the service marks the delivery `failed` after its last attempt.
 */
export const routingDeliverJob =
  (routing: Pick<RoutingService, 'deliver'>): JobHandler<'routing.deliver'> =>
  ({ deliveryId }) =>
    routing.deliver(deliveryId);

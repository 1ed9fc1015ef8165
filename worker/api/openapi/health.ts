// The OpenAPI operations of liveness and deep health.
import { deepHealthSchema } from '../../../shared/api/health.ts';
import type { Operations } from './operation.ts';

export const healthOperations: Operations = {
  '/health': { get: { summary: 'Liveness: answers without authentication.' } },
  '/health/deep': {
    get: {
      summary:
        'Admin: D1, R2 and the queue checked; the delivery backlog, the oldest unfinished message, the last mail per domain and the open alerts. 503 when a component does not answer.',
      response: deepHealthSchema,
    },
  },
};

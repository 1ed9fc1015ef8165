// The OpenAPI operations of received mail: the inbound log, threads, attachments and signed downloads.
import { inboundItemSchema, inboundListQuerySchema, inboundPageSchema } from '../../../shared/api/inbound.ts';
import {
  threadDetailSchema,
  threadListQuerySchema,
  threadPageSchema,
  threadSummarySchema,
  updateThreadSchema,
} from '../../../shared/api/threads.ts';
import type { Operations } from './operation.ts';

export const mailOperations: Operations = {
  '/files/{id}': {
    get: {
      summary:
        'A download by signed, expiring link (`?exp=&sig=`, no token): an attachment (`att_…`, the `downloadUrl` of webhook payloads) or the stored original of a received message (`inb_…`, named by `X-Mailgate-Original-Message` in a re-encoded JSON-2 hand-off to Odoo).',
      responseType: 'application/octet-stream',
    },
  },
  '/api/inbound': {
    get: { summary: 'The log of received messages.', query: inboundListQuerySchema, response: inboundPageSchema },
  },
  '/api/inbound/{id}': { get: { summary: 'One received message.', response: inboundItemSchema } },
  '/api/inbound/{id}/raw': {
    get: { summary: 'The stored raw bytes, exactly as received.', responseType: 'message/rfc822' },
  },
  '/api/inbound/{id}/replay': { post: { summary: 'Process a message again.', response: inboundItemSchema } },
  '/api/threads': {
    get: {
      summary: 'Threads, most recent first; `q` searches subjects and participants.',
      query: threadListQuerySchema,
      response: threadPageSchema,
    },
  },
  '/api/threads/{id}': {
    get: { summary: 'A thread with its messages and followers.', response: threadDetailSchema },
    patch: {
      summary:
        'Set the ERP record a thread belongs to: one thread per record and domain (409 when another thread of the domain holds it).',
      request: updateThreadSchema,
      response: threadSummarySchema,
    },
  },
  '/api/attachments/{id}': { get: { summary: 'Download an attachment.', responseType: 'application/octet-stream' } },
  '/api/inbound/{id}/release': {
    post: {
      summary: 'Release a message held in quarantine: it is processed as if it had passed.',
      response: inboundItemSchema,
    },
  },
};

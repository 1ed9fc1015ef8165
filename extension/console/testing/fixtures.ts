// Wire-shaped sample answers of the gateway for the console's tests (shapes of shared/api/*).
import type { AliasJson } from '../../../shared/api/aliases.ts';
import type { BounceRecordJson, SuppressionJson } from '../../../shared/api/bounces.ts';
import type { DeliveryJson, WebhookJson } from '../../../shared/api/deliveries.ts';
import type { DomainReport } from '../../../shared/api/dns.ts';
import type { DomainJson } from '../../../shared/api/domains.ts';
import type { InboundItem } from '../../../shared/api/inbound.ts';
import type { StatsDay } from '../../../shared/api/stats.ts';
import type { ThreadDetail } from '../../../shared/api/threads.ts';

export function domainJson(name: string, id = `dom_${name}`): DomainJson {
  return { id, name, catchall: 'catchall', bounce: 'bounce', createdAt: '2026-11-01T08:00:00.000Z' };
}

export function domainReport(domain: string): DomainReport {
  return {
    domain,
    checkedAt: '2026-11-21T10:00:00.000Z',
    status: 'fail',
    findings: [
      {
        check: 'mx',
        status: 'ok',
        found: '13 route1.mx.cloudflare.net',
        expected: null,
        why: 'Cloudflare Email Routing receives the mail.',
      },
      {
        check: 'dmarc',
        status: 'fail',
        found: null,
        expected: 'v=DMARC1; p=none',
        why: 'No DMARC record (RFC 7489 6.1).',
      },
    ],
  };
}

export function aliasJson(overrides: Partial<AliasJson> = {}): AliasJson {
  return {
    id: 'ali_sales',
    address: 'sales@example.com',
    domain: 'example.com',
    localPart: 'sales',
    action: 'record',
    model: 'crm.lead',
    policy: 'everyone',
    defaults: {},
    forwardTo: null,
    odooTargetId: null,
    bounceMessage: null,
    createdAt: '2026-11-01T08:00:00.000Z',
    ...overrides,
  };
}

/** Cast: other engineers may add fields to the inbound item; the fixture carries today's known ones. */
export function inboundItem(overrides: Partial<InboundItem> = {}): InboundItem {
  return {
    id: 'inb_1',
    messageId: 'm1@customer.example',
    from: 'ann@customer.example',
    to: 'sales@example.com',
    envelopeFrom: 'ann@customer.example',
    subject: 'Quote for 40 office chairs',
    sizeBytes: 1200,
    status: 'delivered',
    kind: 'mail',
    route: 'alias',
    reason: 'alias sales@ → crm.lead',
    threadId: 'thr_1',
    tags: [],
    auth: null,
    spam: null,
    quarantinedAt: null,
    forwardTo: [],
    forwardedAt: null,
    attempts: 1,
    receivedAt: '2026-11-21T08:12:00.000Z',
    updatedAt: null,
    ...overrides,
  } as InboundItem;
}

export function threadDetail(overrides: Partial<ThreadDetail> = {}): ThreadDetail {
  return {
    id: 'thr_1',
    subject: 'Quote for 40 office chairs',
    record: { model: 'crm.lead', id: '42' },
    messageCount: 2,
    lastMessageAt: '2026-11-21T10:40:00.000Z',
    createdAt: '2026-11-21T08:12:00.000Z',
    followers: ['ann@customer.example'],
    messages: [
      {
        id: 'msg_1',
        messageId: 'quote@customer.example',
        inboundId: 'inb_1',
        direction: 'inbound',
        from: { address: 'ann@customer.example', name: 'Ann Customer' },
        to: [{ address: 'sales@example.com' }],
        cc: [],
        subject: 'Quote for 40 office chairs',
        date: '2026-11-21T08:12:00.000Z',
        inReplyTo: null,
        references: [],
        text: 'Could you send us a quote?',
        replyText: 'Could you send us a quote?',
        html: null,
        attachments: [],
        auth: { authenticated: true },
        createdAt: '2026-11-21T08:12:01.000Z',
      },
      {
        id: 'msg_2',
        messageId: 'reply@customer.example',
        inboundId: 'inb_2',
        direction: 'inbound',
        from: { address: 'ann@customer.example' },
        to: [{ address: 'catchall@example.com' }],
        cc: [],
        subject: 'Re: Quote for 40 office chairs',
        date: '2026-11-21T10:40:00.000Z',
        inReplyTo: 'quote@customer.example',
        references: ['quote@customer.example'],
        text: 'Delivery to Lyon is fine.\n> older text',
        replyText: 'Delivery to Lyon is fine.',
        html: '<p>Delivery to <b>Lyon</b> is fine.</p><img src="https://tracker.example/p.gif" onerror="parent.alert(1)"><script>parent.document.title="owned"</script>',
        attachments: [
          {
            id: 'att_1',
            filename: 'plan.pdf',
            contentType: 'application/pdf',
            size: 2048,
            contentId: null,
            disposition: 'attachment',
            url: '/api/attachments/att_1',
          },
        ],
        auth: { authenticated: false },
        createdAt: '2026-11-21T10:40:01.000Z',
      },
    ],
    ...overrides,
  };
}

export function suppressionJson(overrides: Partial<SuppressionJson> = {}): SuppressionJson {
  return {
    address: 'gone@remote.example',
    suppressed: true,
    suppressedAt: '2026-11-20T09:00:00.000Z',
    reason: 'userunknown',
    source: 'bounce',
    bounceCount: 1,
    firstBounceAt: '2026-11-20T09:00:00.000Z',
    lastBounceAt: '2026-11-20T09:00:00.000Z',
    complained: false,
    updatedAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

export function bounceRecord(overrides: Partial<BounceRecordJson> = {}): BounceRecordJson {
  return {
    id: 'bnc_1',
    address: 'gone@remote.example',
    kind: 'bounce',
    status: '5.1.1',
    action: 'failed',
    reason: 'userunknown',
    permanent: true,
    diagnostic: '550 5.1.1 User unknown',
    inboundId: 'inb_9',
    messageRowId: null,
    threadId: null,
    receivedAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

export function webhookJson(overrides: Partial<WebhookJson> = {}): WebhookJson {
  return {
    id: 'whk_1',
    url: 'https://erp.example.com/mailgate',
    events: [],
    domain: null,
    rotating: false,
    disabledAt: null,
    disabledReason: null,
    createdAt: '2026-11-01T08:00:00.000Z',
    ...overrides,
  };
}

export function deliveryJson(overrides: Partial<DeliveryJson> = {}): DeliveryJson {
  return {
    id: 'dlv_1',
    eventId: 'evt_1',
    eventType: 'message.received',
    targetKind: 'webhook',
    targetId: 'whk_1',
    status: 'delivered',
    attempts: 1,
    nextAttemptAt: null,
    lastStatusCode: 200,
    lastError: null,
    deliveredAt: '2026-11-21T08:12:02.000Z',
    createdAt: '2026-11-21T08:12:01.000Z',
    attemptLog: [
      { attemptedAt: '2026-11-21T08:12:02.000Z', statusCode: 200, latencyMs: 85, responseSnippet: 'ok', error: null },
    ],
    ...overrides,
  };
}

export function statsDays(counts: [inbound: number, bounces: number][], lastDate = '2026-11-21'): StatsDay[] {
  const last = Date.parse(`${lastDate}T00:00:00Z`);
  return counts.map(([inbound, bounces], index) => ({
    date: new Date(last - (counts.length - 1 - index) * 86_400_000).toISOString().slice(0, 10),
    inbound,
    bounces,
    complaints: 0,
    unverified: 0,
  }));
}

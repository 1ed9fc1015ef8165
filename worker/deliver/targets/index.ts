// The table of delivery targets, keyed by the kind stored on each delivery: a new ERP or channel is one file in this
// folder and one line here (and its kind in the schema's enum).
import type { DeliveryRow, DeliveryTarget } from './target.ts';
import { odooTarget } from './odoo.ts';
import { sendEmailTarget } from './send-email.ts';
import { webhookTarget } from './webhook.ts';

export type TargetKind = DeliveryRow['targetKind'];

/** In fan-out order: an internal event's own target (Odoo hand-off, mail to send) and the webhooks that listen. */
export const DELIVERY_TARGETS: Readonly<Record<TargetKind, DeliveryTarget>> = {
  odoo: odooTarget,
  webhook: webhookTarget,
  'send-email': sendEmailTarget,
};

export const TARGET_KINDS = Object.keys(DELIVERY_TARGETS) as TargetKind[];

// The table of delivery targets, keyed by the kind stored on each delivery: a new ERP or channel is one file in this
// folder and one line here (and its kind in the schema's enum).
import type { DeliveryRow, DeliveryTarget } from './target.ts';
import { odooTarget } from './odoo.ts';
import { webhookTarget } from './webhook.ts';

export type TargetKind = DeliveryRow['targetKind'];

/** In fan-out order: a hand-off's own target first, then the webhooks that listen. */
export const DELIVERY_TARGETS: Readonly<Record<TargetKind, DeliveryTarget>> = {
  odoo: odooTarget,
  webhook: webhookTarget,
};

export const TARGET_KINDS = Object.keys(DELIVERY_TARGETS) as TargetKind[];

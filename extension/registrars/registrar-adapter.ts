// The shape every registrar adapter has, and the record a fill request carries.
import type { DnsRecord } from '../../shared/api/dns.ts';

/** A record to put into a form: like `DnsRecord`, but the TTL may be left to the registrar's default. */
export type RecordToFill = Omit<DnsRecord, 'ttl'> & { ttl?: number };

/** Fields of the add-record form an adapter can fill (the `filled` list of the `mailgate:fill` answer). */
export type FormFieldName = 'type' | 'name' | 'value' | 'ttl' | 'priority';

export type FillResult = {
  /** Fields actually written, in the order they were written. */
  filled: FormFieldName[];
  /** Why a field could not be filled, one plain sentence each (empty when everything went in). */
  problems: string[];
};

export type RegistrarAdapter = {
  /** Stable id, reported in the `mailgate:fill` answer (`cloudflare`, `generic`, …). */
  id: string;
  /** The registrar's name as people know it. */
  displayName: string;
  matches(url: string): boolean;
  /** The zone (domain) the page manages, when the page shows it. */
  readZone(doc: ParentNode): string | null;
  /** The records already listed on the page, with fully qualified names; `zone` overrides `readZone`. */
  readRecords(doc: ParentNode, zone?: string): DnsRecord[];
  /** Fills the page's add-record form (opening it first when needed); never submits it. */
  fill(doc: ParentNode, record: RecordToFill, zone?: string): Promise<FillResult>;
};

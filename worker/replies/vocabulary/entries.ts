// The shape of the client vocabulary: each word or phrase with its language and the source it was taken from.
import type { Provenance } from '../provenance.ts';

export type VocabularyEntry = { text: string; lang: string; provenance: Provenance };

export function entries(provenance: Provenance, lang: string, texts: readonly string[]): VocabularyEntry[] {
  return texts.map((text) => ({ text, lang, provenance }));
}

export type HeaderFieldKind = 'from' | 'sent' | 'to' | 'cc' | 'subject' | 'replyTo';

export type HeaderFieldEntry = VocabularyEntry & { field: HeaderFieldKind };

export function fields(
  provenance: Provenance,
  lang: string,
  byField: Partial<Record<HeaderFieldKind, readonly string[]>>,
): HeaderFieldEntry[] {
  return Object.entries(byField).flatMap(([field, texts]) =>
    (texts ?? []).map((text) => ({ text, lang, provenance, field: field as HeaderFieldKind })),
  );
}

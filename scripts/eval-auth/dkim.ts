// DKIM: per-signature pass/fail on the RFC 8463 message and its two one-word edits (see eval-auth.ts's header).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createZoneResolver } from '../../shared/dns/zone-stub.ts';
import { corpus, readJson, txtZone, verify } from './corpus.ts';
import { newReport, score, type SuiteReport } from './report.ts';

type DkimVector = {
  id: string;
  dns_txt: Record<string, string>;
  /** The clock the source pins; unused, see the header comment. */
  now?: string;
  messages: { path: string }[];
  expected: { signature: number; s: string; result: string }[];
};

/** The vectors' path of the signed RFC 8463 message (mailauth's fixture), which the corpus does not carry. */
const RFC8463_SIGNED_MESSAGE = 'mailauth_tests/test/dkim/ec/fixtures/signed.eml';
const SUBJECT_EDIT = 'dkim_derived/rfc8463-subject-altered.eml';
const BODY_EDIT = 'dkim_derived/rfc8463-body-altered.eml';

/** The signed RFC 8463 message: each derived file changed one line, the Subject edit its body, the body edit its header. */
function rebuildRfc8463Message(): string {
  const headerOfBodyEdit = readFileSync(join(corpus, BODY_EDIT), 'utf8').split(/\r?\n\r?\n/)[0];
  const subjectEdit = readFileSync(join(corpus, SUBJECT_EDIT), 'utf8');
  const bodyOfSubjectEdit = subjectEdit.slice(subjectEdit.search(/\r?\n\r?\n/));
  return headerOfBodyEdit + bodyOfSubjectEdit;
}

/** The message bytes of one vector file; the upstream originals are rebuilt, see the header comment. */
function readVectorMessage(path: string): string | null {
  if (path.startsWith('dkim_derived/'))
    return existsSync(join(corpus, path)) ? readFileSync(join(corpus, path), 'utf8') : null;
  return path === RFC8463_SIGNED_MESSAGE ? rebuildRfc8463Message() : null;
}

export async function gradeDkim(): Promise<SuiteReport> {
  const report = newReport('DKIM signatures');
  const { vectors } = readJson<{ vectors: DkimVector[] }>('dkim_vectors.json');
  for (const vector of vectors) {
    const resolver = createZoneResolver(txtZone(vector.dns_txt));
    for (const message of vector.messages) {
      const raw = readVectorMessage(message.path);
      if (raw === null) {
        for (const signature of vector.expected) {
          report.skipped.push({
            id: `${message.path}#${signature.signature}`,
            reason: 'file not in the corpus (upstream dkimpy variant)',
          });
        }
        continue;
      }
      const verdict = await verify(raw, { mailFrom: '' }, resolver);
      for (const signature of vector.expected) {
        const row = verdict.dkim[signature.signature - 1];
        const got = row ? `${row.result} (s=${row.selector})` : 'no signature row';
        score(report, `${vector.id}#${signature.signature}`, `${signature.result} (s=${signature.s})`, got);
      }
    }
  }
  return report;
}

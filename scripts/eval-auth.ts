// Grades mailgate's own authentication stage (worker/inbound/authenticate.ts: `authenticate` → mailauth → `buildVerdict`)
// against the public corpus of INDEX.md section 4: DKIM per-signature results, ARC chain results (`cv`), and DMARC
// result + policy. Every message goes through `authenticate()` itself, in Node, with a stub resolver: no network.
// Usage: npm run eval:auth [-- --verbose]   (corpus: $MAILGATE_AUTH_CORPUS or ../shared/corpora/auth)
//
// How each suite reaches mailgate's code, and why:
// - DKIM (dkim_vectors.json): the RFC 8463 message is not in the corpus itself (its `messages` paths name the
//   upstream test folders), but both one-word edits are. Each differs from the signed original in one line, a
//   different one, so the original is rebuilt as the headers of the body edit + the body of the Subject edit; the
//   two signatures passing over the rebuilt bytes is itself the proof that they are the signed bytes. The vectors
//   pin "now" to 2018-06-10; these signatures carry no x= tag, so the clock cannot change their result (mailauth
//   reads the clock itself and `authenticate` takes none).
// - ARC (arc-draft-validation-tests.json): each test's message through `authenticate()` with the test's TXT
//   records; `verdict.arc.result` against `cv`. An empty `cv` (3 tests, a seal that already says cv=fail) is
//   scored as Fail: RFC 8617 5.2 step 2, also how mailauth's own runner reads it. The 5 tests mailauth's own suite
//   skips (test/arc/arc-suite-validation-test.js) are run too, but reported on their own line, not in the score.
// - DMARC (dmarc_mailauth_cases.json): the cases are arguments of mailauth's verifyDmarc (From, the domains whose
//   DKIM passed, the domains whose SPF passed), not messages. Feeding a mailauth-shaped DMARC result to
//   `buildVerdict` would only test that it copies two fields. Instead each case becomes a real message: a From
//   header with the case's address(es), one real DKIM signature (RSA-2048, generated here, l= when the case says
//   the signature is undersized) per DKIM domain, and an envelope whose SPF passes (`MAIL FROM` at the SPF domain,
//   a client IP its synthesized record lists) when the case has an SPF domain. Only those keys and SPF records are
//   synthesized, under names the cases never query; every `_dmarc` answer (records, errors, empty answers) is the
//   one recorded in the case, replayed as is, and any name not recorded is NXDOMAIN. So the full path runs:
//   mailauth's DKIM and SPF, its DMARC with the recorded DNS, then `buildVerdict`. The expected values are
//   mailauth's own output (at the corpus's snapshot; mailgate runs mailauth 7.1.0): this is "agreement with
//   mailauth", not an independent score. mailauth answers `false` when it cannot run DMARC (several From
//   domains); the verdict has no such value and says result `none`, policy null, so `false` is compared as that.
//   The getDmarcRecord cases (record lookups) are graded the same way, with an expectation derived from the record
//   mailauth returned: nothing passes in those messages, so a record gives `fail` with its `p` (its `sp`, falling
//   back to `p`, for a record inherited from the organizational domain), no record gives `none`, a DNS failure
//   `temperror`. That derivation is this script's, so those cases are reported on their own table.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gradeArc } from './eval-auth/arc.ts';
import { corpus } from './eval-auth/corpus.ts';
import { gradeDkim } from './eval-auth/dkim.ts';
import { gradeDmarc } from './eval-auth/dmarc.ts';
import { printDetails, printTable } from './eval-auth/report.ts';

const verbose = process.argv.includes('--verbose');

if (!existsSync(join(corpus, 'dkim_vectors.json'))) {
  console.error(`no auth corpus at ${corpus} (set MAILGATE_AUTH_CORPUS; see ../shared/corpora/INDEX.md section 4)`);
  process.exit(2);
}

const reports = [...[await gradeDkim()], ...(await gradeArc()), ...(await gradeDmarc(verbose))];
console.log(`corpus: ${corpus}\n`);
printTable(reports);
for (const report of reports) printDetails(report, verbose);
console.log(
  '\nDMARC rows compare with mailauth (which mailgate runs): agreement, not an independent score. ' +
    'The ARC line "tests mailauth skips" is outside the ARC score.',
);

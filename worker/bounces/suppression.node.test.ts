// Tests of the suppression policy: immediate reasons, Odoo's 5-bounces-over-a-week rule, complaints, resets, lifts,
// an admin's entries.
import { describe, expect, it } from 'vitest';
import type { AuthVerdict } from '../../shared/api/auth.ts';
import {
  applyAdminEntry,
  applyNormalMail,
  applyRecipientReport,
  DEFAULT_SUPPRESSION_POLICY,
  liftSuppression,
  provesAddressAlive,
  summarizeAcrossDomains,
  toSuppressionJson,
  type RecipientReport,
  type SuppressionState,
} from './suppression.ts';

const DAY = 24 * 60 * 60 * 1000;
const start = new Date('2026-01-05T10:00:00Z');
const dayAfter = (days: number) => new Date(start.getTime() + days * DAY);
const address = 'Ann@Example.org';
const domainId = 'dom_test';

const soft: RecipientReport = { kind: 'bounce', action: 'failed', reason: 'mailboxfull', permanent: false };
const userUnknown: RecipientReport = { kind: 'bounce', action: 'failed', reason: 'userunknown', permanent: true };
const complaint: RecipientReport = { kind: 'complaint', action: null, reason: 'feedback', permanent: false };

function applyAll(reports: [RecipientReport, Date][], initial: SuppressionState | null = null) {
  let state = initial;
  const suppressedAfter: boolean[] = [];
  for (const [report, at] of reports) {
    state = applyRecipientReport(state, { ...report, domainId, address }, at).next;
    suppressedAfter.push(state.suppressedAt !== null);
  }
  return { state: state!, suppressedAfter };
}

describe('applyRecipientReport', () => {
  it('suppresses a permanent userunknown at once, lower-casing the address', () => {
    const change = applyRecipientReport(null, { ...userUnknown, domainId, address }, start);
    expect(change).toMatchObject({ counted: true, newlySuppressed: true });
    expect(change.next).toMatchObject({
      address: 'ann@example.org',
      suppressedAt: start,
      source: 'bounce',
      reason: 'userunknown',
      bounceCount: 1,
    });
  });

  it('only counts a transient userunknown (a 4.x.x answer may be a greylisting server)', () => {
    const change = applyRecipientReport(null, { ...userUnknown, permanent: false, domainId, address }, start);
    expect(change).toMatchObject({ counted: true, newlySuppressed: false });
    expect(change.next.suppressedAt).toBeNull();
  });

  it.each(['hostunknown', 'hasmoved'])('suppresses a permanent %s at once', (reason) => {
    expect(applyRecipientReport(null, { ...userUnknown, reason, domainId, address }, start).next.reason).toBe(reason);
  });

  it('counts other permanent failures without suppressing', () => {
    const change = applyRecipientReport(null, { ...userUnknown, reason: 'blocked', domainId, address }, start);
    expect(change.next).toMatchObject({
      bounceCount: 1,
      suppressedAt: null,
      firstBounceAt: start,
      lastBounceAt: start,
    });
  });

  it('suppresses at the fifth bounce when they span more than a week', () => {
    const { state, suppressedAfter } = applyAll([0, 2, 4, 6, 8].map((day) => [soft, dayAfter(day)]));
    expect(suppressedAfter).toEqual([false, false, false, false, true]);
    expect(state).toMatchObject({ bounceCount: 5, source: 'bounce', suppressedAt: dayAfter(8) });
    expect(state.reason).toBe('5 bounces over 8 days (last: mailboxfull)');
  });

  it('does not suppress five bounces within one week, but the sixth after the week does', () => {
    const { suppressedAfter } = applyAll([0, 1, 2, 3, 7, 7.5].map((day) => [soft, dayAfter(day)]));
    // Day 7 is exactly a week: "more than a week" is not met yet.
    expect(suppressedAfter).toEqual([false, false, false, false, false, true]);
  });

  it('restarts the count when the first bounce left the 13-week window', () => {
    const { state, suppressedAfter } = applyAll([0, 30, 60, 90, 92].map((day) => [soft, dayAfter(day)]));
    expect(suppressedAfter.every((suppressed) => !suppressed)).toBe(true);
    expect(state).toMatchObject({ bounceCount: 1, firstBounceAt: dayAfter(92) });
  });

  it.each(['delayed', 'delivered', 'relayed', 'expanded'])('never counts a %s report', (action) => {
    const change = applyRecipientReport(null, { ...userUnknown, action, domainId, address }, start);
    expect(change).toMatchObject({ counted: false, newlySuppressed: false });
    expect(change.next.bounceCount).toBe(0);
  });

  it('counts a prose bounce without an action', () => {
    expect(applyRecipientReport(null, { ...soft, action: null, domainId, address }, start).next.bounceCount).toBe(1);
  });

  it('suppresses on a complaint, and a complaint overrides an earlier bounce suppression', () => {
    const fresh = applyRecipientReport(null, { ...complaint, domainId, address }, start);
    expect(fresh).toMatchObject({ newlySuppressed: true, counted: false });
    expect(fresh.next).toMatchObject({ complained: true, source: 'complaint', suppressedAt: start, bounceCount: 0 });

    const bounced = applyRecipientReport(null, { ...userUnknown, domainId, address }, start).next;
    const later = applyRecipientReport(bounced, { ...complaint, domainId, address }, dayAfter(3));
    expect(later.newlySuppressed).toBe(false);
    expect(later.next).toMatchObject({ complained: true, source: 'complaint', suppressedAt: start });
  });

  it('does not re-announce an address that is already suppressed', () => {
    const first = applyRecipientReport(null, { ...userUnknown, domainId, address }, start).next;
    const second = applyRecipientReport(first, { ...userUnknown, domainId, address }, dayAfter(1));
    expect(second).toMatchObject({ counted: true, newlySuppressed: false });
    expect(second.next).toMatchObject({ bounceCount: 2, suppressedAt: start });
  });
});

describe('applyNormalMail', () => {
  it('resets the count and lifts a bounce suppression', () => {
    const bounced = applyAll([0, 1, 2].map((day) => [soft, dayAfter(day)])).state;
    expect(applyNormalMail(bounced, dayAfter(3))).toMatchObject({
      bounceCount: 0,
      firstBounceAt: null,
      lastBounceAt: null,
    });
    const suppressed = applyRecipientReport(null, { ...userUnknown, domainId, address }, start).next;
    expect(applyNormalMail(suppressed, dayAfter(1))).toMatchObject({
      suppressedAt: null,
      source: null,
      bounceCount: 0,
    });
  });

  it('keeps the suppression when the policy says so', () => {
    const suppressed = applyRecipientReport(null, { ...userUnknown, domainId, address }, start).next;
    const policy = { ...DEFAULT_SUPPRESSION_POLICY, normalMailLiftsBounceSuppression: false };
    expect(applyNormalMail(suppressed, dayAfter(1), policy)).toMatchObject({ suppressedAt: start, bounceCount: 0 });
  });

  it('never lifts a complaint, nor a manual entry', () => {
    const complained = applyRecipientReport(null, { ...complaint, domainId, address }, start).next;
    expect(applyNormalMail(complained, dayAfter(1))).toMatchObject({
      suppressedAt: start,
      complained: true,
      source: 'complaint',
    });
    const manual: SuppressionState = { ...complained, complained: false, source: 'manual', reason: 'manual' };
    expect(applyNormalMail(manual, dayAfter(1)).suppressedAt).toEqual(start);
  });
});

describe('liftSuppression', () => {
  it('lifts a bounce suppression and clears its counters', () => {
    const suppressed = applyRecipientReport(null, { ...userUnknown, domainId, address }, start).next;
    expect(liftSuppression(suppressed, dayAfter(1), { force: false })).toMatchObject({
      ok: true,
      next: { suppressedAt: null, bounceCount: 0, source: null },
    });
  });

  it('needs force to lift a complaint', () => {
    const complained = applyRecipientReport(null, { ...complaint, domainId, address }, start).next;
    expect(liftSuppression(complained, dayAfter(1), { force: false })).toEqual({
      ok: false,
      why: 'complaint-needs-force',
    });
    expect(liftSuppression(complained, dayAfter(1), { force: true })).toMatchObject({
      ok: true,
      next: { suppressedAt: null, complained: false },
    });
  });
});

describe('provesAddressAlive', () => {
  const verdict = (dmarc: AuthVerdict['dmarc']) => ({ dmarc }) as AuthVerdict;

  it("needs a DMARC pass for the address's own domain", () => {
    expect(provesAddressAlive(verdict({ result: 'pass', policy: 'none', domain: 'example.org' }), address)).toBe(true);
    expect(
      provesAddressAlive(verdict({ result: 'pass', policy: 'none', domain: 'Example.ORG' }), 'ann@example.org'),
    ).toBe(true);
  });

  it('refuses a spoofed or unaligned sender, and no verdict at all', () => {
    expect(provesAddressAlive(null, address)).toBe(false);
    for (const result of ['fail', 'none', 'temperror', 'permerror'] as const) {
      expect(provesAddressAlive(verdict({ result, policy: null, domain: 'example.org' }), address)).toBe(false);
    }
    // A pass for another domain (the mail's From is not this address) proves nothing about this address.
    expect(provesAddressAlive(verdict({ result: 'pass', policy: 'none', domain: 'other.example' }), address)).toBe(
      false,
    );
    expect(provesAddressAlive(verdict({ result: 'pass', policy: 'none', domain: 'example.org' }), 'no-at-sign')).toBe(
      false,
    );
  });
});

describe('summarizeAcrossDomains', () => {
  it('answers the strongest entry (suppressed anywhere means suppressed) and lists each domain', () => {
    const counting = applyRecipientReport(null, { ...soft, domainId: 'dom_a', address }, start).next;
    const suppressed = applyRecipientReport(null, { ...userUnknown, domainId: 'dom_b', address }, start).next;
    const entries = [toSuppressionJson(counting, 'a.example'), toSuppressionJson(suppressed, 'b.example')];
    const summary = summarizeAcrossDomains(address, entries);
    expect(summary).toMatchObject({ suppressed: true, domain: 'b.example', reason: 'userunknown' });
    expect(summary.domains?.map((entry) => entry.domain)).toEqual(['a.example', 'b.example']);
  });

  it('answers an empty, unsuppressed entry for an address no domain knows', () => {
    expect(summarizeAcrossDomains('Ann@Example.org', [])).toMatchObject({
      address: 'ann@example.org',
      domain: null,
      suppressed: false,
      domains: [],
    });
  });
});

describe('applyAdminEntry', () => {
  const manual = { domainId, address: 'ann@example.org', source: 'manual' as const };

  it('suppresses an unknown address now, with a default reason, and leaves it liftable by nothing but an admin', () => {
    const { outcome, next } = applyAdminEntry(null, manual, start, false);
    expect(outcome).toBe('added');
    expect(next).toMatchObject({
      suppressedAt: start,
      source: 'manual',
      reason: 'added by an admin',
      complained: false,
    });
    // A normal mail from the address does not lift a hand-made entry (only bounce suppressions).
    expect(applyNormalMail(next!, dayAfter(1)).suppressedAt).toEqual(start);
  });

  it('keeps an entry already suppressed unless replace is asked for', () => {
    const bounced = applyAll([[userUnknown, start]]).state!;
    expect(applyAdminEntry(bounced, { ...manual, reason: 'note' }, dayAfter(1), false)).toEqual({
      outcome: 'alreadyThere',
      next: null,
    });
    const replaced = applyAdminEntry(bounced, { ...manual, reason: 'note' }, dayAfter(1), true);
    expect(replaced.outcome).toBe('replaced');
    expect(replaced.next).toMatchObject({
      source: 'manual',
      reason: 'note',
      suppressedAt: dayAfter(1),
      bounceCount: 1,
    });
  });

  it('restores an exported bounce entry as it was: it still lifts itself when the address writes again', () => {
    const { next } = applyAdminEntry(
      null,
      {
        ...manual,
        source: 'bounce',
        reason: 'userunknown',
        suppressedAt: start.toISOString(),
        bounceCount: 1,
        firstBounceAt: start.toISOString(),
        lastBounceAt: start.toISOString(),
      },
      dayAfter(30),
      false,
    );
    expect(next).toMatchObject({ suppressedAt: start, bounceCount: 1, firstBounceAt: start, updatedAt: dayAfter(30) });
    expect(applyNormalMail(next!, dayAfter(31)).suppressedAt).toBeNull();
  });

  it('makes a complaint entry a complaint (a lift needs force), and a complaint stays one under a later entry', () => {
    const { next } = applyAdminEntry(null, { ...manual, source: 'complaint' }, start, false);
    expect(next!.complained).toBe(true);
    expect(liftSuppression(next!, dayAfter(1), { force: false }).ok).toBe(false);
    const overwritten = applyAdminEntry(next, manual, dayAfter(1), true).next!;
    expect(overwritten.complained).toBe(true);
  });
});

// The subjects delivery reports carry, in the providers' and several languages' wordings (who sent them and the
// auto-reply signals are read by inbound/automation.ts).

/** Subjects of delivery reports, including the providers' and several languages' wordings. */
const BOUNCE_SUBJECT_PATTERN = new RegExp(
  [
    'undeliver|undelivered|not (?:be )?delivered|delivery (?:status notification|failure|failed|has failed|notification|report|problem|incomplete|delayed|error)',
    'returned mail|return(?:ed)? to sender|failure notice|mail delivery (?:failed|failure|system|subsystem|error)|non-?delivery',
    'nondeliverable|could not (?:be )?(?:deliver|sent)|message not delivered|mail system error|delayed mail|delivery (?:warning|notice)',
    'permanent (?:error|failure)|mail failed|failed mail|returned message|bounced? |rejected:|warning: (?:could not|message)',
    'unzustellbar|nicht zustellbar|fehlgeschlagen|non remis|(?:é|e)chec de (?:la )?(?:remise|distribution)|non recapitabile',
    'no se puede entregar|no entregado|onbestelbaar|niet afgeleverd|ej levererat|不達|配信エラー|エラー|送信できませんでした|退信|系统退信',
  ].join('|'),
  'i',
);

export function isBounceSubject(subject: string): boolean {
  return BOUNCE_SUBJECT_PATTERN.test(subject);
}

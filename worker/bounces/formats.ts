// The format-specific parsers, one entry per MTA/ESP family: tried around the generic RFC 3464 / prose path.
import type { MailClassification } from '../../shared/api/bounces.ts';
import { classifyJmrpComplaint, classifyUnsubscribeNotice } from './arf.ts';
import { refineGoogleGroupsNotice } from './google-groups.ts';
import type { MessageView } from './message-view.ts';
import { classifySesNotification } from './ses-notification.ts';

/**
 * A parser for one family's own format. `classify` reads a whole message the generic path cannot (a JSON
 * notification, a vendor complaint); `refine` corrects what the generic path made of a family's report.
 */
export type FormatParser = {
  /** The MTA/ESP family, as evaluations name it (`amazonses`, `googlegroups`, `arf`…). */
  family: string;
  /** What the entry knows that the generic path does not. */
  knows: string;
  classify?: (view: MessageView) => MailClassification | null;
  refine?: (view: MessageView, result: MailClassification) => MailClassification;
};

export const FORMAT_PARSERS: readonly FormatParser[] = [
  {
    family: 'amazonses',
    knows: 'SES bounce and complaint notifications sent as JSON by mail',
    classify: classifySesNotification,
  },
  {
    family: 'arf',
    knows: 'Hotmail JMRP complaints (the recipient in a header of the forwarded original)',
    classify: classifyJmrpComplaint,
  },
  { family: 'arf', knows: "Apple Mail's one-click unsubscribe notice", classify: classifyUnsubscribeNotice },
  {
    family: 'googlegroups',
    knows: 'posts a Google group refused, explained in localized prose only',
    refine: (_view, result) => refineGoogleGroupsNotice(result),
  },
];

/** The families that have an entry: an evaluation switches one off to score the generic path on its reports. */
export const FORMAT_FAMILIES: ReadonlySet<string> = new Set(FORMAT_PARSERS.map((parser) => parser.family));

export type ClassifyOptions = {
  /** Families whose format-specific parsers must not run (leave-one-family-out evaluation). */
  skipFamilies?: ReadonlySet<string>;
};

/** The parsers a classification may use under the given options. */
export function selectFormatParsers(options: ClassifyOptions): FormatParser[] {
  const skipped = options.skipFamilies;
  return skipped ? FORMAT_PARSERS.filter((parser) => !skipped.has(parser.family)) : [...FORMAT_PARSERS];
}

// Who sent a runtime message: the background answers a content-script request only when it comes from this
// extension's own content script, in the top frame of a tab, on a page that script is allowed on (its manifest
// matches, or a tab and origin the admin injected it into). Pure: the listener gathers the rule, this decides.
import type { Browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';

/** The fields of `runtime.MessageSender` that say who sent a message (Chrome and Firefox fill them alike). */
export type MessageSender = Pick<Browser.runtime.MessageSender, 'id' | 'url' | 'origin' | 'tab' | 'frameId'>;

/** A content script the admin put into one tab on one origin (the popup's `activeTab` injection). */
export type InjectionGrant = { tabId: number; frameId: number; origin: string };

export type ContentScriptRule = {
  /** `runtime.id` of this extension. */
  extensionId: string;
  /** `runtime.getURL('/')`: where this extension's own pages live. */
  extensionBaseUrl: string;
  /** The manifest's `matches` of the content script that may send the message. */
  matches: readonly string[];
  /** The tabs and origins that content script was injected into on the admin's click. */
  grants: readonly InjectionGrant[];
};

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

/** The origin of the sending document: the browser's own `origin` when it gives one, else the URL's. */
function senderOrigin(sender: MessageSender): string | null {
  if (!sender.url) return null;
  let urlOrigin: string;
  try {
    urlOrigin = new URL(sender.url).origin;
  } catch {
    return null;
  }
  // Chrome reports the document's origin separately (about:blank or srcdoc frames inherit one); both must agree.
  if (sender.origin !== undefined && sender.origin !== urlOrigin) return null;
  return urlOrigin;
}

function matchesAny(url: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => new MatchPattern(pattern).includes(url));
}

export function checkContentScriptSender(sender: MessageSender, rule: ContentScriptRule): SenderVerdict {
  if (sender.id === undefined)
    return { trusted: false, reason: `a web page (${sender.url ?? 'unknown address'}) is not mailgate` };
  if (sender.id !== rule.extensionId)
    return { trusted: false, reason: `another extension (${sender.id}) is not mailgate` };
  if (sender.url?.startsWith(rule.extensionBaseUrl))
    return { trusted: false, reason: 'an extension page is not the content script this request is for' };
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.frameId === undefined)
    return { trusted: false, reason: 'the sender is not a content script in a tab' };
  if (sender.frameId !== 0)
    return { trusted: false, reason: `frame ${sender.frameId} is not the top frame the content script runs in` };
  const origin = senderOrigin(sender);
  if (origin === null) return { trusted: false, reason: "the sender's address and origin do not agree" };
  if (matchesAny(sender.url!, rule.matches)) return { trusted: true };
  const granted = rule.grants.some(
    (grant) => grant.tabId === tabId && grant.frameId === sender.frameId && grant.origin === origin,
  );
  return granted
    ? { trusted: true }
    : { trusted: false, reason: `the content script does not run on ${origin} in tab ${tabId}` };
}

/** True for a message from one of this extension's own pages (the popup): the only sender a content script answers. */
export function isOwnExtensionPage(sender: MessageSender, extensionId: string, extensionBaseUrl: string): boolean {
  return sender.id === extensionId && sender.url !== undefined && sender.url.startsWith(extensionBaseUrl);
}

// The background's one runtime.onMessage listener: each request type names the content script that may send it;
// a request from anyone else (another extension, a web page, an extension page, a frame, a page that script does
// not run on) is refused in words and answered with no data at all.
import { browser, type Browser } from 'wxt/browser';
import type { z } from 'zod';
import { errorMessage } from '../../shared/error-message.ts';
import type { MessageFailure } from './message-failure.ts';
import { checkContentScriptSender, type InjectionGrant, type MessageSender } from './sender-check.ts';

type RouteDefinition<Request> = {
  /** The message's `type`. */
  type: string;
  request: z.ZodType<Request>;
  /** The content script allowed to ask, as the manifest names its file (`content-scripts/odoo.js`). */
  scriptFile: string;
  /** The tabs and origins the admin injected that script into, besides its manifest matches. */
  loadGrants(): Promise<readonly InjectionGrant[]>;
  answer(request: Request): Promise<unknown>;
};

/** A route with its request type sealed in: `answer` parses the message itself (null when it does not parse). */
export type ContentScriptRoute = Omit<RouteDefinition<unknown>, 'request' | 'answer'> & {
  answer(message: unknown): Promise<unknown> | null;
};

export function defineContentScriptRoute<Request>(definition: RouteDefinition<Request>): ContentScriptRoute {
  const { request, answer, ...route } = definition;
  return {
    ...route,
    answer: (message) => {
      const parsed = request.safeParse(message);
      return parsed.success ? answer(parsed.data) : null;
    },
  };
}

/** What the door needs of the running extension (the real browser's by default). */
export type ExtensionIdentity = { id: string; baseUrl: string; manifest: Browser.runtime.Manifest };

function currentIdentity(): ExtensionIdentity {
  return { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/'), manifest: browser.runtime.getManifest() };
}

/** The manifest's `matches` of the content-script entries that load `scriptFile`. */
export function manifestMatchesOf(manifest: Browser.runtime.Manifest, scriptFile: string): string[] {
  const file = scriptFile.replace(/^\//, '');
  return (manifest.content_scripts ?? [])
    .filter((entry) => entry.js?.includes(file))
    .flatMap((entry) => entry.matches ?? []);
}

/**
 * The answer to one message: undefined when its type is no route's (not for this listener), a MessageFailure
 * when the sender or the request is refused or the answer failed, else the route's answer.
 */
export function answerContentScript(
  message: unknown,
  sender: MessageSender,
  routes: readonly ContentScriptRoute[],
  identity: ExtensionIdentity = currentIdentity(),
): Promise<unknown> | undefined {
  const type = (message as { type?: unknown } | null)?.type;
  const route = routes.find((candidate) => candidate.type === type);
  if (!route) return undefined;
  const refuse = (why: string): MessageFailure => ({ failure: 'refused', error: `${route.type} refused: ${why}.` });
  return (async () => {
    const grants = await route.loadGrants();
    const verdict = checkContentScriptSender(sender, {
      extensionId: identity.id,
      extensionBaseUrl: identity.baseUrl,
      matches: manifestMatchesOf(identity.manifest, route.scriptFile),
      grants,
    });
    if (!verdict.trusted) return refuse(verdict.reason);
    try {
      const answer = route.answer(message);
      return answer === null ? refuse('the request is malformed') : await answer;
    } catch (error) {
      return { failure: 'failed', error: `${route.type} failed: ${errorMessage(error)}` } satisfies MessageFailure;
    }
  })();
}

export function listenToOwnContentScripts(routes: readonly ContentScriptRoute[]): void {
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: MessageSender, sendResponse: (response: unknown) => void) => {
      const answer = answerContentScript(message, sender, routes);
      if (!answer) return undefined;
      void answer.then(sendResponse);
      // Keeps the channel open for the asynchronous answer (Chrome's onMessage contract).
      return true;
    },
  );
}

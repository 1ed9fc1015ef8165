// Answers one kind of runtime message in the background: `answer` says whether a message is its kind (undefined when
// not) and computes the reply; failures are answered too, as `onError` shapes them.
import { browser } from 'wxt/browser';

export function answerRuntimeRequests<T>(answer: (message: unknown) => Promise<T> | undefined, onError: (error: unknown) => T): void {
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (response: unknown) => void) => {
    const reply = answer(message);
    if (!reply) return undefined;
    void reply.then(sendResponse, (error: unknown) => sendResponse(onError(error)));
    // Keeps the channel open for the asynchronous answer (Chrome's onMessage contract).
    return true;
  });
}

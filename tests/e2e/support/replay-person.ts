// Replays a person's steps on a fixture page (extension/registrars/testing/held-out-people.ts) with the browser's own
// mouse and keyboard, through Playwright: the proof that a fixture works in a real browser, not only in happy-dom.
import type { Page } from 'playwright-core';
import type { PersonStep } from '../../../extension/registrars/testing/held-out-people.ts';

const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function replayInBrowser(page: Page, steps: readonly PersonStep[]): Promise<void> {
  for (const step of steps) {
    const scope = step.frame ? page.frameLocator(step.frame) : page;
    if ('press' in step) {
      const candidates = scope.locator(step.press);
      const target =
        step.text === undefined
          ? candidates
          : candidates.filter({ hasText: new RegExp(`^\\s*${escapeForRegExp(step.text)}`) });
      await target.first().click();
    } else if ('type' in step) await scope.locator(step.type).fill(step.text);
    else if ('pick' in step) await scope.locator(step.pick).selectOption(step.value);
    else await scope.locator(step.in).press(step.key);
  }
}

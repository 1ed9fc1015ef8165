// The expectations for the domain being checked: the admin's stored choice (or the default), loaded when the domain
// changes, with the gateway's receiver imposed on its own domains; a change is stored for the domain at once.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DEFAULT_CHOICE, type ExpectationChoice } from './expectation-choice.ts';
import type { PopupServices } from './popup-services.ts';

/** Mail to a gateway domain arrives through Cloudflare Email Routing: the gateway fixes the receiver. */
const GATEWAY_RECEIVER = 'cloudflare';

type StoredChoice = { domain: string; value: ExpectationChoice; stored: boolean };

export type ExpectationChoiceState = {
  /** The choice for this domain once loaded; `stored` is false while the admin has never made one. */
  current: StoredChoice | null;
  /** What the checklist expects: the choice, with the gateway's receiver for a gateway domain. */
  effective: ExpectationChoice | null;
  change(value: ExpectationChoice): void;
};

export function useExpectationChoice(
  domain: string | null,
  viaGateway: boolean,
  services: PopupServices,
): ExpectationChoiceState {
  const [choice, setChoice] = useState<StoredChoice | null>(null);
  useEffect(() => {
    if (!domain) return undefined;
    let live = true;
    void services.loadChoice(domain).then(
      (stored) => live && setChoice({ domain, value: stored ?? DEFAULT_CHOICE, stored: stored !== null }),
      () => live && setChoice({ domain, value: DEFAULT_CHOICE, stored: false }),
    );
    return () => {
      live = false;
    };
  }, [domain, services]);

  const current = choice && choice.domain === domain ? choice : null;
  const effective = useMemo(
    () => current && (viaGateway ? { ...current.value, receiver: GATEWAY_RECEIVER } : current.value),
    [current, viaGateway],
  );
  const change = (value: ExpectationChoice) => {
    if (!domain) return;
    setChoice({ domain, value, stored: true });
    void services.saveChoice(domain, value);
  };
  return { current, effective, change };
}

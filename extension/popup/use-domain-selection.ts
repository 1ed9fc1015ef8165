// Which domain the popup checks (domain-source.ts decides), with the admin's own pick or typed domain on top; a
// picked gateway domain is remembered for the next opening.
import { useMemo, useState } from 'preact/hooks';
import { selectDomain, type DomainSelection } from './domain-source.ts';
import type { PopupContext } from './popup-context.ts';
import type { PopupServices } from './popup-services.ts';

export type DomainSelectionState = {
  /** Null until the popup's context is gathered. */
  selection: DomainSelection | null;
  domain: string | null;
  /** The domain is one of the connected gateway's: the gateway checks it. */
  viaGateway: boolean;
  pickGatewayDomain(domain: string): void;
  typeDomain(domain: string): void;
};

export function useDomainSelection(
  paramDomain: string | null,
  context: PopupContext | null,
  services: PopupServices,
): DomainSelectionState {
  const [chosen, setChosen] = useState<{ domain: string; source: 'gateway' | 'typed' } | null>(null);
  const selection = useMemo(
    () =>
      context &&
      selectDomain({
        param: paramDomain,
        chosen,
        page: context.reading,
        gatewayDomains: context.gatewayDomains,
        rememberedGatewayDomain: context.rememberedGatewayDomain,
      }),
    [context, chosen, paramDomain],
  );
  const domain = selection?.domain ?? null;
  return {
    selection,
    domain,
    viaGateway: !!domain && !!context?.gatewayDomains?.includes(domain),
    pickGatewayDomain(picked) {
      setChosen({ domain: picked, source: 'gateway' });
      void services.saveLastGatewayDomain(picked);
    },
    typeDomain: (typed) => setChosen({ domain: typed, source: 'typed' }),
  };
}

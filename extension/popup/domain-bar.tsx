// The domain being checked, where it came from, and how to change it (the gateway's domains, or typing one).
import { useState } from 'preact/hooks';
import type { PageReading } from '../messages/read-page-message.ts';
import { describeDomainSource, normalizeDomain, type DomainSelection } from './domain-source.ts';

export type DomainBarProps = {
  selection: DomainSelection;
  page: PageReading | null;
  onPickGatewayDomain: (domain: string) => void;
  onTypeDomain: (domain: string) => void;
};

function TypedDomainForm({ onTypeDomain, autoFocus }: { onTypeDomain: (domain: string) => void; autoFocus: boolean }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      class="typed-domain"
      onSubmit={(event) => {
        event.preventDefault();
        const domain = normalizeDomain(text);
        if (!domain) return setProblem('Type a domain name such as example.com.');
        setProblem(null);
        onTypeDomain(domain);
      }}
    >
      <input
        type="text"
        aria-label="Domain to check"
        placeholder="example.com"
        autoFocus={autoFocus}
        spellcheck={false}
        autocomplete="off"
        value={text}
        onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit">Check</button>
      {problem && (
        <p class="field-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

export function DomainBar({ selection, page, onPickGatewayDomain, onTypeDomain }: DomainBarProps) {
  const [typing, setTyping] = useState(false);
  const { domain, source, gatewayChoices } = selection;
  return (
    <section class="domain-bar" aria-label="Domain">
      <div class="domain-line">
        <p class="domain" data-testid="domain">
          {domain ?? 'No domain selected'}
        </p>
        {domain && !typing && (
          <button type="button" class="link" onClick={() => setTyping(true)}>
            Other domain
          </button>
        )}
      </div>
      {source && (
        <p class="domain-source" data-domain-source={source}>
          {describeDomainSource(source, page)}
        </p>
      )}
      {gatewayChoices.length > 0 && (
        <label class="field">
          <span>Gateway domain</span>
          <select
            aria-label="Gateway domain"
            value={source === 'gateway' && domain ? domain : ''}
            onChange={(event) => {
              const picked = (event.currentTarget as HTMLSelectElement).value;
              if (picked) onPickGatewayDomain(picked);
            }}
          >
            {source !== 'gateway' && <option value="">Pick one of your gateway's domains…</option>}
            {gatewayChoices.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      {(!domain || typing) && (
        <TypedDomainForm
          autoFocus={typing}
          onTypeDomain={(typed) => {
            setTyping(false);
            onTypeDomain(typed);
          }}
        />
      )}
      {!domain && <p class="hint">Open your registrar's DNS page, connect a mailgate gateway, or type the domain.</p>}
    </section>
  );
}

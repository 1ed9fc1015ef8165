// The expectation picker: who receives the domain's mail and which services send as it. Changing it changes what
// the checklist expects (SPF includes, DKIM selectors, MX hosts).
import { useState } from 'preact/hooks';
import type { SenderService } from '../../shared/dns/senders.ts';
import {
  describeChoice,
  NO_RECEIVER,
  RECEIVER_SERVICES,
  SENDING_SERVICES,
  type ExpectationChoice,
} from './expectation-choice.ts';

export type SenderPickerProps = {
  choice: ExpectationChoice;
  onChange: (choice: ExpectationChoice) => void;
  /** The gateway decides the receiver (mailgate receives through Cloudflare Email Routing): only senders are asked. */
  receiverFixedBy?: string;
  /** Open on first render (no choice was ever made for this domain); afterwards the admin folds it. */
  open?: boolean;
};

function toggle(list: readonly string[], id: string, on: boolean): string[] {
  return on ? [...new Set([...list, id])] : list.filter((item) => item !== id);
}

export function SenderPicker({ choice, onChange, receiverFixedBy, open = false }: SenderPickerProps) {
  // Only the first render decides: the picker must not fold under the admin's hand once a choice is stored.
  const [initiallyOpen] = useState(open);
  const senders = SENDING_SERVICES.filter((service) => service.id !== choice.receiver);
  return (
    <details class="picker" open={initiallyOpen} data-testid="sender-picker">
      <summary>
        <span class="picker-label">Expected setup</span> <span class="picker-summary">{describeChoice(choice)}</span>
      </summary>
      {receiverFixedBy ? (
        <p class="picker-note">{receiverFixedBy}</p>
      ) : (
        <label class="field">
          <span>Mail arrives at</span>
          <select
            aria-label="Mail arrives at"
            value={choice.receiver}
            onChange={(event) => onChange({ ...choice, receiver: (event.currentTarget as HTMLSelectElement).value })}
          >
            {RECEIVER_SERVICES.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
            <option value={NO_RECEIVER}>Nowhere: this domain receives no mail</option>
          </select>
        </label>
      )}
      <fieldset class="senders">
        <legend>Who else sends mail as this domain?</legend>
        {senders.map((service: SenderService) => (
          <label key={service.id} class="sender">
            <input
              type="checkbox"
              name="sender"
              value={service.id}
              checked={choice.senders.includes(service.id)}
              onChange={(event) =>
                onChange({
                  ...choice,
                  senders: toggle(choice.senders, service.id, (event.currentTarget as HTMLInputElement).checked),
                })
              }
            />
            <span>{service.name}</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}

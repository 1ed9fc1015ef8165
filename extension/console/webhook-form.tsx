// The form that registers a webhook endpoint: its URL, an optional domain, the events it wants.
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import { createWebhookSchema, webhookEventTypeSchema } from '../../shared/api/deliveries.ts';
import type { CreateWebhookInput } from '../gateway/api-client.ts';
import { CardForm, useSchemaCheck } from './form-check.tsx';
import { TextField } from './text-field.tsx';

type EventType = z.infer<typeof webhookEventTypeSchema>;

export function CreateWebhookForm({ onCreate }: { onCreate: (input: CreateWebhookInput) => Promise<boolean> }) {
  const [url, setUrl] = useState('');
  const [domain, setDomain] = useState('');
  const [events, setEvents] = useState<EventType[]>([]);
  const [problem, check] = useSchemaCheck();
  const submit = async () => {
    const input = { url: url.trim(), events, ...(domain.trim() ? { domain: domain.trim() } : {}) };
    if (!check(createWebhookSchema, input)) return;
    if (await onCreate(input)) {
      setUrl('');
      setDomain('');
      setEvents([]);
    }
  };
  const toggle = (type: EventType, on: boolean) =>
    setEvents((current) => (on ? [...current, type] : current.filter((item) => item !== type)));
  return (
    <CardForm
      title="New endpoint"
      description="New webhook endpoint"
      submitLabel="Create endpoint"
      problem={problem}
      onSubmit={submit}
    >
      <TextField
        id="webhook-url"
        label="URL"
        value={url}
        attributes={{ type: 'url', required: true, placeholder: 'https://erp.example.com/mailgate' }}
        onChange={setUrl}
      />
      <TextField
        id="webhook-domain"
        label="Only for domain (optional)"
        value={domain}
        attributes={{ placeholder: 'example.com' }}
        onChange={setDomain}
      />
      <fieldset class="form-wide events">
        <legend>Events (none ticked: all)</legend>
        {webhookEventTypeSchema.options.map((type) => (
          <label key={type} class="checkbox">
            <input
              type="checkbox"
              checked={events.includes(type)}
              onChange={(event) => toggle(type, event.currentTarget.checked)}
            />{' '}
            {type}
          </label>
        ))}
      </fieldset>
    </CardForm>
  );
}

import { useEffect, useState } from 'react';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { CreateForm, Field, ScreenFrame } from '../components/Field.tsx';
import { ResourceTable, when, type Column } from '../components/ResourceTable.tsx';
import { ShownOnce } from '../components/ShownOnce.tsx';
import { useWebhooks, WEBHOOK_EVENTS, type DeliveryItem, type WebhookEvent, type WebhookItem } from '../stores/webhooks-store.ts';

const DELIVERY_COLUMNS: Array<Column<DeliveryItem>> = [
  { header: 'At', cell: (d) => when(d.createdAt) },
  { header: 'Event', cell: (d) => <span className="mono">{d.eventType}</span> },
  { header: 'Attempt', cell: (d) => d.attempt },
  { header: 'Status', cell: (d) => <span className={d.outcome === 'succeeded' ? 'badge on' : 'badge off'}>{d.outcome}</span> },
  { header: 'Response', cell: (d) => (d.responseStatus ?? '—') + (d.error ? ` · ${d.error}` : '') },
  { header: 'Duration', cell: (d) => `${Math.round(d.durationMs)} ms` },
];

/** Run events POSTed to a URL, signed per Standard Webhooks; the secret is shown once, the delivery log always. */
export function WebhooksScreen() {
  const w = useWebhooks();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['run.completed', 'run.failed']);
  useEffect(() => void w.refresh(), [w.refresh]);
  const toggle = (e: WebhookEvent) => setEvents(events.includes(e) ? events.filter((x) => x !== e) : [...events, e]);
  const columns: Array<Column<WebhookItem>> = [
    { header: 'URL', cell: (r) => <span className="mono">{r.url}</span> },
    { header: 'Events', cell: (r) => r.events.join(', ') },
    { header: 'State', cell: (r) => <span className={r.enabled ? 'badge on' : 'badge off'} title={r.disabledReason ?? ''}>{r.enabled ? 'enabled' : 'disabled'}</span> },
    { header: 'Failures', cell: (r) => r.consecutiveFailures },
    { header: 'Old secret until', cell: (r) => when(r.previousSecretValidUntil) },
    {
      header: '',
      cell: (r) => (
        <span className="actions">
          <button onClick={() => void w.sendTest(r.id)}>Send test</button>
          <button onClick={() => void w.loadDeliveries(r.id)}>Deliveries</button>
          <button onClick={() => void w.setEnabled(r.id, !r.enabled)}>{r.enabled ? 'Disable' : 'Enable'}</button>
          <ConfirmButton label="Rotate secret" question="Rotate the signing secret? The old one keeps signing for a while." onConfirm={() => w.rotate(r.id)} />
          <ConfirmButton label="Delete" question={`Delete the webhook to ${r.url}?`} onConfirm={() => w.remove(r.id)} />
        </span>
      ),
    },
  ];
  const hook = (id: string) => w.webhooks.find((x) => x.id === id)?.url ?? id;
  return (
    <ScreenFrame title="Webhooks" intro="Each delivery carries webhook-id, webhook-timestamp and webhook-signature headers: verify them with the signing secret.">
      <ErrorBanner error={w.error} />
      {w.secret && (
        <ShownOnce title={`${w.secret.reason === 'created' ? 'Signing secret' : 'New signing secret'} of ${hook(w.secret.webhookId)}`} value={w.secret.secret} onDismiss={w.dismissSecret} />
      )}
      <CreateForm
        label="New webhook"
        submit="Create webhook"
        busy={w.loading}
        onSubmit={async () => {
          if (await w.create(url, events)) setUrl('');
        }}
      >
        <Field label="URL"><input className="grow mono" type="url" value={url} placeholder="https://hooks.example/scrapifie" onChange={(e) => setUrl(e.target.value)} required /></Field>
        <fieldset className="events">
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((e) => (
            <label key={e}>
              <input type="checkbox" checked={events.includes(e)} onChange={() => toggle(e)} /> {e}
            </label>
          ))}
        </fieldset>
      </CreateForm>
      <ResourceTable label="Webhooks" rows={w.webhooks} columns={columns} rowKey={(r) => r.id} empty="No webhooks yet." />
      {w.deliveries && (
        <>
          <h2>Deliveries to {hook(w.deliveries.webhookId)}</h2>
          <ResourceTable label="Deliveries" rows={w.deliveries.items} columns={DELIVERY_COLUMNS} rowKey={(d) => d.id} empty="No deliveries yet." />
        </>
      )}
    </ScreenFrame>
  );
}

// The reader's webhooks page: their webhooks (events, target, state, why one was switched off),
// the form to add one, and each webhook's delivery log.
import { html, type SafeHtml } from '../html.ts';
import type { DeliveryLogEntry, Webhook } from '../../store/webhooks.ts';
import { WEBHOOK_EVENTS } from '../../webhooks/policy.ts';

export interface WebhooksPageInput {
  webhooks: { webhook: Webhook; deliveries: DeliveryLogEntry[] }[];
  watches: { id: number; name: string }[];
  csrf: SafeHtml;
  notice: { kind: 'ok' | 'error'; text: string } | null;
}

const EVENT_LABELS: Record<string, string> = {
  'story.new': 'a new story',
  'story.sources': 'a story passing N sources',
  'watch.match': 'a saved-search match',
};

function deliveryRow(d: DeliveryLogEntry): SafeHtml {
  return html`<tr class="delivery-${d.status}">
  <td>${d.id}</td><td>${d.event}</td><td>${d.subject}</td>
  <td><span class="badge">${d.status}</span></td><td>${d.attempts}</td>
  <td>${d.lastStatus ?? ''}${d.lastError ? html`<br><small class="error">${d.lastError}</small>` : null}</td>
  <td><time datetime="${d.createdAt.toISOString()}">${d.createdAt.toISOString().slice(0, 19).replace('T', ' ')}</time></td>
  <td>${d.nextAttemptAt ? d.nextAttemptAt.toISOString().slice(0, 19).replace('T', ' ') : ''}</td>
</tr>`;
}

function webhookSection(entry: WebhooksPageInput['webhooks'][number], csrf: SafeHtml): SafeHtml {
  const { webhook: w, deliveries } = entry;
  return html`<section class="webhook" aria-labelledby="webhook-${w.id}">
  <h2 id="webhook-${w.id}">${w.name} ${w.enabled ? html`<span class="badge">on</span>` : html`<span class="badge status-failing">off</span>`}</h2>
  <p><code>${w.url}</code></p>
  <p>On ${w.events.map((e) => (e === 'story.sources' ? `${EVENT_LABELS[e]} (N = ${w.minSources})` : EVENT_LABELS[e])).join(', ')}.
     Signing secret: <code>${w.secret}</code></p>
  ${w.disabledReason ? html`<p class="notice error">${w.disabledReason}</p>` : null}
  <form method="post" action="/webhooks/${w.id}/delete" class="inline">${csrf}<button type="submit">Delete</button></form>
  ${w.enabled ? null : html`<form method="post" action="/webhooks/${w.id}/enable" class="inline">${csrf}<button type="submit">Switch back on</button></form>`}
  <table class="deliveries"><caption>Delivery log (newest first)</caption>
    <thead><tr><th>#</th><th>Event</th><th>About</th><th>State</th><th>Attempts</th><th>Last answer</th><th>Owed since (UTC)</th><th>Next try (UTC)</th></tr></thead>
    <tbody>${deliveries.length ? deliveries.map(deliveryRow) : html`<tr><td colspan="8">Nothing sent yet.</td></tr>`}</tbody>
  </table>
</section>`;
}

export function webhooksBody(input: WebhooksPageInput): SafeHtml {
  return html`<h1>Webhooks</h1>
${input.notice ? html`<p class="notice ${input.notice.kind}">${input.notice.text}</p>` : null}
<p>Dateline POSTs a signed JSON body to your address when something you chose happens. See the documentation (docs/webhooks.md) for how to check the signature.</p>
${input.webhooks.map((entry) => webhookSection(entry, input.csrf))}
<section aria-labelledby="add-webhook"><h2 id="add-webhook">Add a webhook</h2>
<form method="post" action="/webhooks">${input.csrf}
  <p><label>Name <input name="name" maxlength="200"></label></p>
  <p><label>Address (http:// or https://) <input name="url" type="url" required maxlength="2000"></label></p>
  <fieldset><legend>When</legend>
    ${WEBHOOK_EVENTS.map((e) => html`<label><input type="checkbox" name="events" value="${e}"> ${EVENT_LABELS[e]}</label><br>`)}
  </fieldset>
  <p><label>N sources <input name="minSources" type="number" min="2" max="1000" value="3"></label></p>
  <p><label>Saved search <select name="watchId"><option value="">all of mine</option>
    ${input.watches.map((w) => html`<option value="${w.id}">${w.name}</option>`)}</select></label></p>
  <button type="submit">Add</button>
</form></section>`;
}

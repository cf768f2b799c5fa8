// The reader's rules page: their mute and keep rules, the form to add one, and (for admins) a
// feed's block and keep rules applied at ingest.
import { html, type SafeHtml } from '../html.ts';
import type { StoredFeedRule, UserRule } from '../../store/rules.ts';

export interface RulesPageInput {
  rules: UserRule[];
  csrf: SafeHtml;
  notice: { kind: 'ok' | 'error'; text: string } | null;
}

const KIND_LABELS: Record<string, string> = {
  word: 'word',
  phrase: 'phrase',
  regex: 'regular expression',
  source: 'source',
  entity: 'person, organisation or place',
};
const FIELD_LABELS: Record<string, string> = { title: 'in the title', body: 'in the text', both: 'in the title or text' };

function ruleRow(rule: UserRule, csrf: SafeHtml): SafeHtml {
  const where = rule.kind === 'source' || rule.kind === 'entity' ? '' : FIELD_LABELS[rule.field];
  return html`<li class="rule rule-${rule.action}"><span class="badge">${rule.action}</span> ${KIND_LABELS[rule.kind]}
  <code>${rule.pattern}</code> ${where}
  <form method="post" action="/rules/${rule.id}/delete" class="inline">${csrf}<button type="submit">Remove</button></form></li>`;
}

export function rulesBody(input: RulesPageInput): SafeHtml {
  const mutes = input.rules.filter((r) => r.action === 'mute');
  const keeps = input.rules.filter((r) => r.action === 'keep');
  return html`<h1>Mute and keep rules</h1>
${input.notice ? html`<p class="notice ${input.notice.kind}" role="status">${input.notice.text}</p>` : null}
<p>A mute rule hides the articles it matches from your lists, searches, saved-search feeds and reader apps.
A keep rule wins over every mute: mute "football" and keep "world cup" to see only the cup.
Words and phrases match whole words (and their plural and other endings); a regular expression is matched without case.</p>
<section aria-labelledby="mutes"><h2 id="mutes">Muted</h2>
${mutes.length ? html`<ul class="rules">${mutes.map((r) => ruleRow(r, input.csrf))}</ul>` : html`<p>Nothing muted.</p>`}</section>
<section aria-labelledby="keeps"><h2 id="keeps">Always kept</h2>
${keeps.length ? html`<ul class="rules">${keeps.map((r) => ruleRow(r, input.csrf))}</ul>` : html`<p>No keep rule.</p>`}</section>
<section aria-labelledby="add-rule"><h2 id="add-rule">Add a rule</h2>
<form method="post" action="/rules">${input.csrf}
  <p><label>Do <select name="action"><option value="mute">mute</option><option value="keep">keep</option></select></label>
     <label>a <select name="kind">${Object.entries(KIND_LABELS).map(([k, label]) => html`<option value="${k}">${label}</option>`)}</select></label></p>
  <p><label>Matching <input name="pattern" required maxlength="200"></label></p>
  <p><label>Where <select name="field">${Object.entries(FIELD_LABELS).map(([k, label]) => html`<option value="${k}"${k === 'both' ? html` selected` : null}>${label}</option>`)}</select></label>
     <small>(words, phrases and expressions only)</small></p>
  <button type="submit">Add</button>
</form></section>`;
}

export interface FeedRulesPageInput {
  feed: { id: number; title: string | null; url: string };
  rules: StoredFeedRule[];
  csrf: SafeHtml;
  notice: { kind: 'ok' | 'error'; text: string } | null;
}

export function feedRulesBody(input: FeedRulesPageInput): SafeHtml {
  return html`<h1>Rules of the feed ${input.feed.title ?? input.feed.url}</h1>
${input.notice ? html`<p class="notice ${input.notice.kind}" role="status">${input.notice.text}</p>` : null}
<p>Applied when the feed's entries come in: a block rule drops the entries it matches; when there are keep rules,
only entries one of them matches are stored. Entries already stored stay.</p>
${
  input.rules.length
    ? html`<ul class="rules">${input.rules.map(
        (r) => html`<li><span class="badge">${r.action}</span> ${KIND_LABELS[r.kind]} <code>${r.pattern}</code> ${FIELD_LABELS[r.field]}
  <form method="post" action="/feeds/${input.feed.id}/rules/${r.id}/delete" class="inline">${input.csrf}<button type="submit">Remove</button></form></li>`,
      )}</ul>`
    : html`<p>No rules: every entry is stored.</p>`
}
<form method="post" action="/feeds/${input.feed.id}/rules">${input.csrf}
  <p><label>Do <select name="action"><option value="block">block</option><option value="keep">keep only</option></select></label>
     <label>a <select name="kind"><option value="word">word</option><option value="phrase">phrase</option><option value="regex">regular expression</option></select></label></p>
  <p><label>Matching <input name="pattern" required maxlength="200"></label></p>
  <p><label>Where <select name="field">${Object.entries(FIELD_LABELS).map(([k, label]) => html`<option value="${k}"${k === 'both' ? html` selected` : null}>${label}</option>`)}</select></label></p>
  <button type="submit">Add</button>
</form>`;
}

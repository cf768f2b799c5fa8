// The coverage comparison on the story page (a panel: outlets, their distinctive headline words,
// the split by lean, the one-side marker) and the admin page for per-source metadata.
import { html, type SafeHtml } from '../html.ts';
import type { CoverageComparison } from '../../coverage/compare.ts';
import type { SourceWithFacts } from '../../store/source-metadata.ts';

const LEAN_LABEL = { left: 'left', centre: 'centre', right: 'right', unlabelled: 'no label' } as const;

export function coveragePanel(comparison: CoverageComparison): SafeHtml | null {
  if (!comparison.outlets.length) return null;
  const split = comparison.leanSplit;
  const labelled = split.left + split.centre + split.right;
  return html`<section class="coverage" aria-labelledby="coverage-heading">
<h2 id="coverage-heading">Coverage</h2>
${comparison.oneSide ? html`<p class="notice coverage-one-side"><strong>Covered by one side only:</strong> every outlet with a lean label that covered this is on the ${comparison.oneSide}.</p>` : null}
<p>${comparison.outlets.length} outlet${comparison.outlets.length === 1 ? '' : 's'}.
${labelled ? html`By lean: ${(['left', 'centre', 'right', 'unlabelled'] as const).map((k) => html`<span class="lean lean-${k}">${LEAN_LABEL[k]} ${split[k]}</span> `)}` : html`No outlet here has a lean label yet.`}</p>
${comparison.sharedWords.length ? html`<p>Most headlines say: ${comparison.sharedWords.map((w) => html`<code>${w}</code> `)}</p>` : null}
<table class="coverage-outlets"><thead><tr><th>Outlet</th><th>Lean</th><th>Country</th><th>Owner</th><th>Headline</th><th>Words only this outlet used</th></tr></thead>
<tbody>${comparison.outlets.map(
    (o) => html`<tr>
  <td>${o.name}</td><td>${o.facts.lean ?? ''}</td><td>${o.facts.country ?? ''}</td><td>${o.facts.owner ?? ''}</td>
  <td>${o.articles.map((a, i) => html`${i ? html`<br>` : null}<a href="/articles/${a.id}">${a.title}</a>`)}</td>
  <td>${o.uniqueWords.join(', ')}</td>
</tr>`,
  )}</tbody></table>
</section>`;
}

export function sourceMetadataBody(input: { sources: SourceWithFacts[]; csrf: SafeHtml; notice: { kind: 'ok' | 'error'; text: string } | null }): SafeHtml {
  const leanOptions = (current: string | null) => (['', 'left', 'centre', 'right'] as const).map((v) => html`<option value="${v}"${(current ?? '') === v ? html` selected` : null}>${v || '(unknown)'}</option>`);
  return html`<h1>Sources: metadata</h1>
${input.notice ? html`<p class="notice ${input.notice.kind}">${input.notice.text}</p>` : null}
<p>What is known about each publisher, for the coverage comparison on story pages. Empty means unknown; nothing here is guessed.</p>
<table><thead><tr><th>Source</th><th>Country</th><th>Language</th><th>Owner</th><th>Lean</th><th></th></tr></thead><tbody>
${input.sources.map(
  (s) => html`<tr><td>${s.name}</td>
  <td colspan="5"><form method="post" action="/admin/sources/${s.id}/metadata" class="inline">${input.csrf}
    <input name="country" size="2" maxlength="2" value="${s.facts.country ?? ''}" aria-label="Country of ${s.name}">
    <input name="language" size="5" maxlength="12" value="${s.facts.language ?? ''}" aria-label="Language of ${s.name}">
    <input name="owner" maxlength="200" value="${s.facts.owner ?? ''}" aria-label="Owner of ${s.name}">
    <select name="lean" aria-label="Lean of ${s.name}">${leanOptions(s.facts.lean)}</select>
    <button type="submit">Save</button></form></td></tr>`,
)}
</tbody></table>
<h2>Import from CSV</h2>
<form method="post" action="/admin/sources/metadata.csv">${input.csrf}
  <p><label>CSV with a header row: <code>source,country,language,owner,lean</code><br>
  <textarea name="csv" rows="8" cols="80" required></textarea></label></p>
  <button type="submit">Import</button>
</form>`;
}

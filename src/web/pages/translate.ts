// Translation on the reader's pages: the "Translate" control (shown only when a model is
// configured) and the page showing the original beside its translation.
import { html, type SafeHtml } from '../html.ts';
import { paragraphs } from './articles.ts';

/** Languages offered in the control; the API takes any BCP 47 code. */
export const OFFERED_LANGUAGES: [string, string][] = [
  ['en', 'English'],
  ['fr', 'French'],
  ['de', 'German'],
  ['es', 'Spanish'],
  ['it', 'Italian'],
  ['pt', 'Portuguese'],
  ['nl', 'Dutch'],
  ['pl', 'Polish'],
  ['uk', 'Ukrainian'],
  ['ru', 'Russian'],
  ['tr', 'Turkish'],
  ['ar', 'Arabic'],
  ['hi', 'Hindi'],
  ['ko', 'Korean'],
  ['ja', 'Japanese'],
  ['zh', 'Chinese'],
];

export function translateControl(action: string, label: string): SafeHtml {
  return html`<section class="panel translate-panel" aria-label="${label}"><form method="get" action="${action}">
  <label>${label} into <select name="lang">${OFFERED_LANGUAGES.map(([code, name]) => html`<option value="${code}">${name}</option>`)}</select></label>
  <button type="submit">Translate</button></form></section>`;
}

export interface TranslationPageInput {
  heading: string;
  back: { href: string; label: string };
  languageName: string;
  original: { title: string | null; text: string };
  translation: { title: string | null; text: string; model: string; cached: boolean } | null;
  error: string | null;
  control: SafeHtml;
}

export function translationBody(input: TranslationPageInput): SafeHtml {
  return html`<h1>${input.heading}</h1>
<p><a href="${input.back.href}">← ${input.back.label}</a></p>
${input.error ? html`<p class="notice error" role="alert">${input.error}</p>` : null}
<div class="translation-columns">
  ${
    input.translation
      ? html`<section aria-labelledby="translated-title"><h2 id="translated-title">${input.languageName}</h2>
    ${input.translation.title ? html`<h3>${input.translation.title}</h3>` : null}${paragraphs(input.translation.text)}
    <p class="meta">Machine translation by ${input.translation.model}${input.translation.cached ? ' (kept from an earlier request)' : ''}. Check the original before quoting it.</p></section>`
      : null
  }
  <section aria-labelledby="original-title"><h2 id="original-title">Original</h2>
    ${input.original.title ? html`<h3>${input.original.title}</h3>` : null}${paragraphs(input.original.text)}</section>
</div>
${input.control}`;
}

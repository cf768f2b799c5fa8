// Translation over HTTP, when a model is configured (DATELINE_LLM_URL and DATELINE_LLM_MODEL):
// /api/v1/articles/:id/translation and /api/v1/stories/:id/summary/translation (cached in the
// database, the original beside it), the pages showing both, and the "Translate" control on the
// article and story pages, which is not shown at all without a model.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { errorResponse } from '../error-schema.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { addPanel } from '../panels.ts';
import { layout } from '../../web/layout.ts';
import { translateControl, translationBody } from '../../web/pages/translate.ts';
import { llmConfig } from '../../llm/story.ts';
import { LlmError } from '../../llm/client.ts';
import { originalOf, translationOf, type TranslationResult } from '../../translate/service.ts';
import { targetLanguage, TranslateInputError } from '../../translate/translate.ts';
import type { TranslationSubject } from '../../store/translations.ts';

const translationSchema = {
  type: 'object',
  properties: {
    subject: { type: 'string', enum: ['article', 'story'] },
    id: { type: 'integer' },
    language: { type: 'string', description: 'The target language (BCP 47).' },
    cached: { type: 'boolean', description: 'true: kept from an earlier request, no model call was made.' },
    model: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    original: {
      type: 'object',
      properties: { title: { type: ['string', 'null'] }, text: { type: 'string' }, language: { type: ['string', 'null'] } },
      required: ['title', 'text', 'language'],
    },
    translation: { type: 'object', properties: { title: { type: ['string', 'null'] }, text: { type: 'string' } }, required: ['title', 'text'] },
  },
  required: ['subject', 'id', 'language', 'cached', 'model', 'createdAt', 'original', 'translation'],
} as const;

const json = (subject: TranslationSubject, id: number, r: TranslationResult) => ({
  subject,
  id,
  language: r.translation.language,
  cached: r.cached,
  model: r.translation.model,
  createdAt: r.translation.createdAt.toISOString(),
  original: r.original,
  translation: { title: r.translation.title, text: r.translation.text },
});

const unavailable = () => new HttpError(404, 'not_found', 'translation is not available: this server has no model (DATELINE_LLM_URL and DATELINE_LLM_MODEL)');

export async function registerTranslateRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const config = () => llmConfig(ctx.settings);
  const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;
  const langQuery = {
    type: 'object',
    additionalProperties: false,
    required: ['lang'],
    properties: { lang: { type: 'string', minLength: 1, maxLength: 40, description: 'The language to translate into, as a BCP 47 code: fr, de, pt-BR, zh-Hant.' } },
  } as const;

  /** Runs a translation, turning bad input into a 400 and a failing model into a 502. */
  async function run(subject: TranslationSubject, id: number, lang: string): Promise<TranslationResult> {
    const model = config();
    if (!model) throw unavailable();
    try {
      const result = await translationOf(ctx.db, model, subject, id, lang);
      if (!result) throw notFound(`${subject} ${id} does not exist`);
      return result;
    } catch (error) {
      if (error instanceof TranslateInputError) throw badRequest(error.message);
      if (error instanceof LlmError) throw new HttpError(502, 'model_failed', `the model did not translate: ${error.message}`);
      throw error;
    }
  }

  const routes: [TranslationSubject, string, string, string][] = [
    ['article', '/api/v1/articles/:id/translation', 'Translate an article', "The article's title and text"],
    ['story', '/api/v1/stories/:id/summary/translation', "Translate a story's summary", "The story's headline and its extractive summary sentences"],
  ];
  for (const [subject, url, summary, what] of routes) {
    app.get<{ Params: { id: number }; Querystring: { lang: string } }>(
      url,
      {
        schema: {
          summary,
          description: `${what} in another language, made by the configured model once and kept (made again when the original changes), with the original beside it. 404 when no model is configured; 502 when the model fails.`,
          tags: ['translation'],
          params: idParams,
          querystring: langQuery,
          response: { 200: translationSchema, 400: errorResponse, 404: errorResponse, 502: errorResponse },
        },
      },
      async (request) => json(subject, request.params.id, await run(subject, request.params.id, request.query.lang)),
    );
  }

  // The pages: the original beside the translation; a failure is shown on the page with the original.
  const page = async (request: FastifyRequest<{ Params: { id: string }; Querystring: { lang?: string } }>, reply: FastifyReply, subject: TranslationSubject) => {
    const id = Number(request.params.id);
    const original = Number.isInteger(id) && id > 0 ? await originalOf(ctx.db, subject, id) : null;
    if (!original) throw notFound(`${subject} ${request.params.id} does not exist`);
    if (!config()) throw unavailable();
    const back = subject === 'article' ? { href: `/articles/${id}`, label: 'the article' } : { href: `/stories/${id}`, label: 'the story' };
    const control = translateControl(subject === 'article' ? `/articles/${id}/translation` : `/stories/${id}/translation`, 'Translate');
    let translation = null;
    let error: string | null = null;
    let languageName = request.query.lang ?? '';
    try {
      languageName = targetLanguage(request.query.lang ?? '').name;
      const result = await run(subject, id, request.query.lang ?? '');
      translation = { title: result.translation.title, text: result.translation.text, model: result.translation.model, cached: result.cached };
    } catch (failure) {
      if (!(failure instanceof HttpError) && !(failure instanceof TranslateInputError)) throw failure;
      error = failure.message;
      reply.code(failure instanceof HttpError ? failure.statusCode : 400);
    }
    reply.type('text/html; charset=utf-8');
    return layout({
      title: `Translation: ${original.title ?? ''}`,
      userName: request.user?.username ?? null,
      body: translationBody({ heading: subject === 'article' ? 'Translated article' : 'Translated story summary', back, languageName, original, translation, error, control }),
    });
  };
  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>('/articles/:id/translation', async (request, reply) => page(request, reply, 'article'));
  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>('/stories/:id/translation', async (request, reply) => page(request, reply, 'story'));

  // The control, only when a model is configured.
  addPanel(ctx, 'article', {
    slot: 'aside',
    order: 40,
    render: async ({ articleId }) => (config() && articleId ? translateControl(`/articles/${articleId}/translation`, 'Translate this article') : null),
  });
  addPanel(ctx, 'story', {
    slot: 'aside',
    order: 40,
    render: async ({ storyId }) => (config() && storyId ? translateControl(`/stories/${storyId}/translation`, 'Translate the summary') : null),
  });
}

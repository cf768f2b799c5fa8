// The optional language model: any OpenAI-compatible /v1/chat/completions endpoint (Ollama,
// llama.cpp server, vLLM, a hosted one) named by DATELINE_LLM_URL and DATELINE_LLM_MODEL.
// Nothing depends on it: every caller has an extractive answer ready, and a timeout, an error
// status or a reply that is not the expected shape is an LlmError the caller falls back from.

export interface LlmConfig {
  /** Base URL: "http://127.0.0.1:11434" or ".../v1"; /v1/chat/completions is appended as needed. */
  url: string;
  model: string;
  timeoutMs: number;
  apiKey?: string | null;
}

export class LlmError extends Error {}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export function completionsUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  if (trimmed.endsWith('/chat/completions')) return trimmed;
  return trimmed.endsWith('/v1') ? `${trimmed}/chat/completions` : `${trimmed}/v1/chat/completions`;
}

/** One chat completion; the reply's text, or an LlmError saying what went wrong. */
export async function chatComplete(config: LlmConfig, messages: ChatMessage[], options: { maxTokens?: number } = {}): Promise<string> {
  let response: Response;
  try {
    response = await fetch(completionsUrl(config.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: config.model, messages, temperature: 0.2, max_tokens: options.maxTokens ?? 400, stream: false }),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    const e = error as Error;
    throw new LlmError(e.name === 'TimeoutError' ? `no reply within ${config.timeoutMs} ms` : `request failed: ${e.message}`);
  }
  let body: unknown;
  try {
    const text = await response.text();
    body = JSON.parse(text);
  } catch {
    throw new LlmError(`reply (HTTP ${response.status}) is not JSON`);
  }
  if (!response.ok) throw new LlmError(`HTTP ${response.status}`);
  const content = (body as { choices?: { message?: { content?: unknown } }[] })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || !content.trim()) throw new LlmError('reply has no choices[0].message.content');
  return content.trim();
}

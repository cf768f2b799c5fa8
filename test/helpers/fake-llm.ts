// A stand-in for an OpenAI-compatible model server on 127.0.0.1 (POST /v1/chat/completions),
// for tests of the features that use the optional model. Its reply is chosen by the model name:
// 'echo' answers with the last user message prefixed by the language the system message names
// ("[French] …"), 'fails' with HTTP 500, 'empty' with no choices. Every request is kept.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeModelRequest {
  path: string;
  body: { model: string; max_tokens?: number; messages: { role: string; content: string }[] };
}

export interface FakeModelServer {
  url: string;
  requests: FakeModelRequest[];
  close(): Promise<void>;
}

export async function startFakeModelServer(): Promise<FakeModelServer> {
  const requests: FakeModelRequest[] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const body = JSON.parse(raw) as FakeModelRequest['body'];
      requests.push({ path: request.url ?? '', body });
      const send = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (body.model === 'fails') return send(500, { error: { message: 'model crashed' } });
      if (body.model === 'empty') return send(200, { choices: [] });
      const language = /into ([^.]+)\./.exec(body.messages.find((m) => m.role === 'system')?.content ?? '')?.[1] ?? '?';
      const last = body.messages.filter((m) => m.role === 'user').pop()?.content ?? '';
      const translated = last
        .split(/\n\n/)
        .map((p) => `[${language}] ${p}`)
        .join('\n\n');
      return send(200, { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: translated } }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

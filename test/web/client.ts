// A tiny browser stand-in for server tests: real fetch against a real server, with a cookie
// jar and helpers to read a form's CSRF token, so tests post forms the way a browser would.

export interface PageResponse {
  status: number;
  headers: Headers;
  text: string;
  setCookies: string[];
}

export class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: { method?: string; form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<PageResponse> {
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      headers.accept = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(this.base + path, { method: init.method ?? (init.form || init.json !== undefined ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, headers: response.headers, text: await response.text(), setCookies };
  }

  /** GETs a page and returns the CSRF token its first form carries. */
  async csrfFrom(path: string): Promise<string> {
    const page = await this.request(path);
    const match = /name="_csrf" value="([^"]+)"/.exec(page.text);
    if (!match) throw new Error(`no CSRF field on ${path} (status ${page.status})`);
    return match[1]!;
  }

  async signup(username: string, password: string): Promise<PageResponse> {
    const token = await this.csrfFrom('/signup');
    return this.request('/signup', { form: { username, password, _csrf: token } });
  }

  async login(username: string, password: string): Promise<PageResponse> {
    const token = await this.csrfFrom('/login');
    return this.request('/login', { form: { username, password, _csrf: token } });
  }
}

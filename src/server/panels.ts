// Panels: how features add blocks to the reader's pages without editing each other's routes.
// A feature registers a panel for a page kind (e.g. the related-articles list on 'article');
// the page's route renders every registered panel in order. The registry lives in the
// AppContext, so two servers in one process (tests) never share panels.
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../web/html.ts';
import type { AppContext } from './context.ts';

export type PageKind = 'home' | 'article' | 'story' | 'entity' | 'source' | 'search';

export interface PanelInput {
  ctx: AppContext;
  request: FastifyRequest;
  articleId?: number;
  storyId?: number;
  entityId?: number;
}

export interface Panel {
  /** 'main' goes under the page's own content, 'aside' beside it. */
  slot: 'main' | 'aside';
  /** Lower first. */
  order: number;
  render: (input: PanelInput) => Promise<SafeHtml | null>;
}

export type PanelRegistry = Map<PageKind, Panel[]>;

export function addPanel(ctx: AppContext, kind: PageKind, panel: Panel): void {
  const list = ctx.panels.get(kind) ?? [];
  list.push(panel);
  list.sort((a, b) => a.order - b.order);
  ctx.panels.set(kind, list);
}

export interface RenderedPanels {
  main: SafeHtml;
  mainList: SafeHtml[];
  asideList: SafeHtml[];
  userName: string | null;
}

export async function pagePanels(kind: PageKind, input: PanelInput): Promise<RenderedPanels> {
  const list = input.ctx.panels.get(kind) ?? [];
  const rendered = await Promise.all(list.map(async (panel) => ({ panel, out: await panel.render(input) })));
  const mainList = rendered.filter((r) => r.panel.slot === 'main' && r.out).map((r) => r.out!);
  const asideList = rendered.filter((r) => r.panel.slot === 'aside' && r.out).map((r) => r.out!);
  const user = (input.request as FastifyRequest & { user?: { username: string } | null }).user;
  return { main: html`${mainList}`, mainList, asideList, userName: user?.username ?? null };
}

/*
 * router: hash routing (#/members/12?q=an).  Hash routes survive any server
 * fallback rule and need no server configuration.  Each route maps to a page
 * function that renders into the outlet and may return a cleanup function;
 * the AbortSignal passed to it fires when the user leaves the page, so late
 * responses never paint over the next page.
 */

export interface PageContext {
  outlet: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  signal: AbortSignal;
}

export type Page = (ctx: PageContext) => void | (() => void) | Promise<void | (() => void)>;

interface Route {
  pattern: RegExp;
  keys: string[];
  page: Page;
  name: string;
}

const routes: Route[] = [];

/** Register "/members/:id" → page; name identifies the nav entry to highlight. */
export function route(path: string, name: string, page: Page): void {
  const keys: string[] = [];
  const src = path.replace(/:(\w+)/g, (_, k: string) => {
    keys.push(k);
    return '([^/]+)';
  });
  routes.push({ pattern: new RegExp(`^${src}$`), keys, page, name });
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function current(): Location {
  const raw = location.hash.replace(/^#/, '') || '/';
  const i = raw.indexOf('?');
  const rawPath = i < 0 ? raw : raw.slice(0, i);
  let path: string;
  try {
    path = decodeURI(rawPath);
  } catch {
    path = rawPath; // a malformed escape in a hand-typed URL; the route table will not match it
  }
  // URLSearchParams decodes the query itself
  return { path: path || '/', query: new URLSearchParams(i < 0 ? '' : raw.slice(i + 1)) };
}

export function navigate(path: string): void {
  if (location.hash === '#' + path) void render();
  else location.hash = path;
}

/** Change the query of the current route without re-rendering (filters). */
export function replaceQuery(query: URLSearchParams): void {
  const { path } = current();
  const qs = query.toString();
  history.replaceState(history.state, '', '#' + path + (qs ? '?' + qs : ''));
}

let cleanup: (() => void) | null = null;
let controller: AbortController | null = null;
let outletEl: HTMLElement | null = null;
let onRouteChange: ((name: string) => void) | null = null;
let guard: ((path: string) => string | null) | null = null;

export function start(
  outlet: HTMLElement,
  opts: { onChange: (name: string) => void; guard: (path: string) => string | null },
): void {
  outletEl = outlet;
  onRouteChange = opts.onChange;
  guard = opts.guard;
  window.addEventListener('hashchange', () => void render());
  void render();
}

export async function render(): Promise<void> {
  if (!outletEl) return;
  const loc = current();
  const redirect = guard?.(loc.path);
  if (redirect && redirect !== loc.path) {
    location.replace('#' + redirect);
    return;
  }
  controller?.abort();
  cleanup?.();
  cleanup = null;
  controller = new AbortController();
  const ctrl = controller;

  let match: { r: Route; m: RegExpExecArray } | null = null;
  for (const r of routes) {
    const m = r.pattern.exec(loc.path);
    if (m) {
      match = { r, m };
      break;
    }
  }
  if (!match) {
    location.replace('#/');
    return;
  }
  const params: Record<string, string> = {};
  match.r.keys.forEach((k, i) => (params[k] = decodeURIComponent(match.m[i + 1])));
  onRouteChange?.(match.r.name);
  outletEl.replaceChildren();
  window.scrollTo(0, 0);
  const res = await match.r.page({ outlet: outletEl, params, query: loc.query, signal: ctrl.signal });
  if (typeof res === 'function') {
    if (ctrl.signal.aborted) res();
    else cleanup = res;
  }
}

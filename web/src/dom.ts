/*
 * dom: a tiny hyperscript helper.  h('button', {class: 'btn', onclick: f}, 'Lưu')
 * Text children become text nodes (never innerHTML), so server data cannot
 * inject markup.  Attributes: "class", "data-*", "aria-*" and others are set
 * as attributes; "value", "checked", "selected", "disabled" as properties;
 * on* functions become event listeners.  null/undefined/false skip.
 */

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined | EventListener | ((e: never) => void);
export type Attrs = Record<string, AttrValue>;

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'indeterminate']);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') {
        el.addEventListener(k.slice(2), v as EventListener);
      } else if (PROPS.has(k)) {
        (el as unknown as Record<string, unknown>)[k] = v;
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Replace all children of el. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A small status line: loading, empty or error, with role=alert for errors. */
export function notice(kind: 'loading' | 'empty' | 'error', text: string): HTMLElement {
  return h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): (...a: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...a: A) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...a), ms);
  };
}

let idSeq = 0;
export const uid = (prefix: string): string => `${prefix}-${++idSeq}`;

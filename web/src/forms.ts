/*
 * forms: the modal dialog and the form kit shared by the pages that change
 * things in dialogs (orgadmin.ts for organisations, accounts.ts for
 * accounts, importer.ts for the member import).  A form kit holds the labelled fields with their error lines,
 * the summary at the top, the submit button, and lays a failed request out
 * over them: 422 field errors under their fields, 409 on the version as a
 * conflict message with "Tải lại", 403/404 as a message.  combo() is the
 * search-and-choose box (an org or a member searched on the server).
 *
 * Every data-testid is "<prefix>-…" (org-field-name, account-error-username,
 * account-submit …) so each page keeps its own test vocabulary.
 */

import { ApiError, isAbort } from './api';
import { append, debounce, h, replace, uid, type Child } from './dom';

/** A modal <dialog> appended to <body>; removed again when closed (Esc, ×, Hủy). */
export function openDialog(title: string, testid: string, body: (close: () => void) => Child, onClose?: () => void): HTMLDialogElement {
  document.querySelectorAll<HTMLDialogElement>('dialog.dialog[open]').forEach((d) => d.close());
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = uid('dlg-title');
  const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'data-testid': testid });
  const close = (): void => dlg.close();
  dlg.addEventListener('close', () => {
    dlg.remove();
    onClose?.();
    if (opener?.isConnected) opener.focus();
  });
  append(dlg, [
    h('div', { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'dialog-x', 'aria-label': 'Đóng', 'data-testid': 'dialog-close', onclick: close }, '×'),
    ),
    body(close),
  ]);
  document.body.append(dlg);
  dlg.showModal();
  return dlg;
}

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface FieldOpts {
  label?: string;
  required?: boolean;
  hint?: string;
}

export interface KitOpts {
  /** data-testid prefix: "org" gives org-field-NAME, org-error-NAME, org-submit … */
  prefix: string;
  /** Labels of the fields by name (used when a field gives none). */
  labels: Record<string, string>;
  /** Shown on 409 for a stale version. */
  conflict: string;
  danger?: boolean;
  /** The summary line when the server refused with field errors. */
  refused?: string;
}

export type FormKit = ReturnType<typeof formKit>;

export function formKit(submitLabel: string, opts: KitOpts) {
  const p = opts.prefix;
  const errors = new Map<string, HTMLElement>();
  const controls = new Map<string, HTMLElement>();
  const order: string[] = [];
  const summary = h('div', { class: 'form-summary', role: 'alert', 'data-testid': `${p}-form-error`, hidden: true });
  const submit = h('button', {
    type: 'submit', class: opts.danger ? 'btn btn-danger' : 'btn btn-primary', 'data-testid': `${p}-submit`,
  }, submitLabel);

  function errorEl(name: string, id: string): HTMLElement {
    const err = h('div', { id, class: 'field-error', 'data-testid': `${p}-error-${name}`, hidden: true });
    errors.set(name, err);
    order.push(name);
    return err;
  }

  /** A labelled control; data-testid PREFIX-field-NAME, error under it PREFIX-error-NAME. */
  function field(name: string, control: Control, o: FieldOpts = {}, ...extra: Child[]): HTMLElement {
    const id = uid(`${p}-${name}`);
    const errId = `${id}-err`;
    const hintId = o.hint ? `${id}-hint` : null;
    control.id = id;
    control.setAttribute('name', name);
    control.setAttribute('data-testid', `${p}-field-${name}`);
    control.setAttribute('aria-describedby', [hintId, errId].filter(Boolean).join(' '));
    if (o.required) control.setAttribute('aria-required', 'true');
    controls.set(name, control);
    return h('div', { class: 'field', 'data-field': name },
      h('label', { for: id }, o.label ?? opts.labels[name] ?? name,
        o.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
      extra.length ? h('div', { class: 'control-row' }, control, extra) : control,
      hintId ? h('p', { id: hintId, class: 'field-hint' }, o.hint) : null,
      errorEl(name, errId),
    );
  }

  /** A read-only value in the form's layout that server errors can still point at. */
  function fixed(name: string, value: Child, o: FieldOpts = {}): HTMLElement {
    return h('div', { class: 'field field-fixed', 'data-field': name },
      h('span', { class: 'field-label' }, o.label ?? opts.labels[name] ?? name),
      h('div', { class: 'fixed-value', 'data-testid': `${p}-fixed-${name}` }, value),
      errorEl(name, uid(`${p}-${name}-err`)),
    );
  }

  function addError(name: string, message: string): boolean {
    const el = errors.get(name);
    if (!el) return false;
    el.append(h('p', null, message));
    el.hidden = false;
    const c = controls.get(name);
    c?.setAttribute('aria-invalid', 'true');
    el.closest('.field')?.classList.add('has-error');
    return true;
  }

  function clearField(name: string): void {
    const el = errors.get(name);
    if (!el) return;
    el.replaceChildren();
    el.hidden = true;
    controls.get(name)?.removeAttribute('aria-invalid');
    el.closest('.field')?.classList.remove('has-error');
  }

  function clear(): void {
    for (const name of errors.keys()) clearField(name);
    summary.replaceChildren();
    summary.hidden = true;
  }

  function showSummary(...children: Child[]): void {
    replace(summary, ...children);
    summary.hidden = false;
  }

  function focusFirstError(): void {
    const first = order.find((n) => !errors.get(n)?.hidden);
    const c = first ? controls.get(first) : null;
    if (c && !c.closest('[hidden]')) c.focus();
    else if (first) errors.get(first)?.scrollIntoView({ block: 'nearest' });
    else summary.scrollIntoView({ block: 'nearest' });
  }

  let label = submitLabel;
  function busy(on: boolean, busyLabel = 'Đang lưu…'): void {
    submit.disabled = on;
    if (on) label = submit.textContent ?? submitLabel;
    submit.textContent = on ? busyLabel : label;
  }

  /**
   * Lays a failed request out: 422 field errors under their fields (aliases
   * map server fields the form shows elsewhere), 409 on the version as the
   * conflict message with "Tải lại" (a 409 naming a field of the form, such
   * as a duplicate code or username, goes under that field), 404/403 and the
   * rest as a message.
   */
  function apply(err: unknown, aliases: Record<string, string>, reload: (() => void) | null): void {
    if (!(err instanceof ApiError)) {
      showSummary(h('p', null, 'Không lưu được. Hãy thử lại.'));
      return;
    }
    const fieldOf409 = err.field && (errors.has(err.field) || aliases[err.field]) ? err.field : null;
    if (err.status === 409 && !fieldOf409 && reload) {
      showSummary(
        h('p', { 'data-testid': `${p}-conflict` }, opts.conflict),
        h('button', { type: 'button', class: 'btn btn-small', 'data-testid': `${p}-reload`, onclick: reload }, 'Tải lại'),
      );
      summary.scrollIntoView({ block: 'nearest' });
      return;
    }
    if (err.status === 404 || err.status === 403) {
      showSummary(h('p', { 'data-testid': `${p}-form-message` }, err.message));
      return;
    }
    const list = err.fieldErrors();
    const unplaced: string[] = [];
    let placed = 0;
    for (const fe of list) {
      const target = errors.has(fe.field) ? fe.field : aliases[fe.field];
      if (target && addError(target, fe.message)) placed++;
      else unplaced.push(fe.message);
    }
    if (placed) {
      showSummary(h('p', null, opts.refused ?? 'Chưa lưu được, hãy sửa các thông tin được đánh dấu.'),
        unplaced.length ? h('ul', null, unplaced.map((u) => h('li', null, u))) : null);
    } else {
      showSummary(unplaced.length > 1
        ? h('ul', null, unplaced.map((u) => h('li', null, u)))
        : h('p', { 'data-testid': `${p}-form-message` }, unplaced[0] ?? err.message));
    }
    focusFirstError();
  }

  /** Submit and "Hủy" at the foot of a dialog form. */
  function actions(close: () => void): HTMLElement {
    return h('div', { class: 'form-actions dialog-actions' },
      submit,
      h('button', { type: 'button', class: 'btn', 'data-testid': `${p}-cancel`, onclick: close }, 'Hủy'),
    );
  }

  return { summary, submit, field, fixed, addError, clearField, clear, showSummary, focusFirstError, busy, apply, actions };
}

// ---- search-and-choose (orgs, members) ---------------------------------------
//
// A search box inside a form kit: what is typed (2 characters or more) is
// searched on the server, the answers are listed as buttons (those that
// cannot be chosen greyed out with the reason), and the choice is shown
// under the box.  Used by the account dialog (org, member) and the import
// dialog (receiving org).

export interface ComboOption {
  label: string;
  sub: string;
  /** Why it cannot be chosen, or null. */
  problem: string | null;
  key: string;
}

export interface Combo<T> {
  field: HTMLElement;
  input: HTMLInputElement;
  chosen(): T | null;
  /** Choose t as if picked from the list (a default), without moving the focus. */
  set(t: T): void;
  reset(): void;
  setEnabled(on: boolean, placeholder: string): void;
}

export function combo<T>(kit: FormKit, name: string, o: {
  label: string;
  placeholder: string;
  hint?: string;
  chosenPrefix: string;
  testid: string;
  search: (q: string, signal: AbortSignal) => Promise<T[]>;
  option: (t: T) => ComboOption;
  onChoose?: (t: T | null) => void;
  signal: AbortSignal;
}): Combo<T> {
  let chosen: T | null = null;
  let ctrl: AbortController | null = null;
  const listId = uid(`${name}-list`);
  const input = h('input', {
    type: 'search', autocomplete: 'off', placeholder: o.placeholder,
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    oninput: () => {
      if (chosen) {
        chosen = null;
        chosenBox.hidden = true;
        o.onChoose?.(null);
      }
      search();
    },
    onkeydown: (e: KeyboardEvent) => {
      if (e.key === 'ArrowDown' && !results.hidden) {
        e.preventDefault();
        results.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
      } else if (e.key === 'Enter' && !chosen) {
        // Enter picks the only choice on offer; it never submits a half-filled form
        e.preventDefault();
        const btns = results.hidden ? [] : [...results.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
        if (btns.length === 1) btns[0].click();
      } else if (e.key === 'Escape' && !results.hidden) {
        e.preventDefault(); // close the list, not the dialog
        hide();
      }
    },
  });
  const results = h('ul', {
    id: listId, class: 'org-results parent-results', role: 'listbox', 'aria-label': `Kết quả tìm ${o.label.toLowerCase()}`, hidden: true,
    onkeydown: (e: KeyboardEvent) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      e.preventDefault();
      const btns = [...results.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
      const i = btns.indexOf(document.activeElement as HTMLButtonElement);
      const next = e.key === 'ArrowDown' ? btns[i + 1] : i <= 0 ? input : btns[i - 1];
      next?.focus();
    },
  });
  const chosenBox = h('p', { class: 'chosen', 'data-testid': `${o.testid}-chosen`, hidden: true });

  function hide(): void {
    results.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  }

  function choose(t: T, focus = true): void {
    chosen = t;
    const opt = o.option(t);
    input.value = opt.label;
    hide();
    replace(chosenBox, o.chosenPrefix, h('strong', null, opt.label), h('small', { class: 'muted' }, ` (${opt.sub})`));
    chosenBox.hidden = false;
    kit.clearField(name);
    o.onChoose?.(t);
    if (focus) input.focus();
  }

  const search = debounce(async () => {
    const q = input.value.trim();
    ctrl?.abort();
    if (q.length < 2) {
      hide();
      return;
    }
    ctrl = new AbortController();
    const sig = AbortSignal.any([o.signal, ctrl.signal]);
    try {
      const items = await o.search(q, sig);
      if (input.value.trim() !== q || sig.aborted) return;
      // what can be chosen first, keeping the server's order otherwise
      const rows = items.map((t) => ({ t, opt: o.option(t) }))
        .sort((a, b) => Number(a.opt.problem !== null) - Number(b.opt.problem !== null));
      replace(results, rows.length
        ? rows.map(({ t, opt }) =>
            h('li', { role: 'option', 'aria-disabled': opt.problem ? 'true' : null },
              h('button', {
                type: 'button', class: 'result', disabled: !!opt.problem,
                'data-testid': `${o.testid}-option`, 'data-key': opt.key,
                onclick: () => choose(t),
              },
                h('span', null, opt.label),
                h('small', null, opt.sub),
                opt.problem ? h('small', { class: 'result-problem' }, opt.problem) : null,
              )))
        : h('li', { class: 'tree-loading' }, 'Không tìm thấy kết quả nào.'));
      results.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    } catch (e) {
      if (isAbort(e) || sig.aborted) return;
      replace(results, h('li', { class: 'tree-loading' }, e instanceof ApiError ? e.message : 'Lỗi tìm kiếm.'));
      results.hidden = false;
    }
  }, 250);

  const field = h('div', { class: 'combo-inline' },
    kit.field(name, input, { label: o.label, required: true, hint: o.hint }),
    results,
    chosenBox,
  );
  return {
    field,
    input,
    chosen: () => chosen,
    set: (t: T) => choose(t, false),
    reset() {
      ctrl?.abort();
      chosen = null;
      input.value = '';
      chosenBox.hidden = true;
      hide();
    },
    setEnabled(on: boolean, placeholder: string) {
      input.disabled = !on;
      input.placeholder = placeholder;
    },
  };
}

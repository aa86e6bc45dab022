/*
 * login: "Đăng nhập".  POST /session; shows the server's Vietnamese message on
 * 401 (wrong credentials) and 429 (too many attempts, with Retry-After).
 */

import { ApiError, api } from '../api';
import { h } from '../dom';
import { navigate, type PageContext } from '../router';
import { APP_NAME } from '../shell';
import { home, startSession } from '../state';

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} giây`;
  return `${Math.ceil(seconds / 60)} phút`;
}

export function loginPage({ outlet, query }: PageContext): void {
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'login-error', hidden: true });
  const username = h('input', {
    id: 'login-username', name: 'username', type: 'text', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false', 'data-testid': 'login-username',
  });
  const password = h('input', {
    id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
    'data-testid': 'login-password',
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'login-submit' }, 'Đăng nhập');

  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: onSubmit },
    h('div', { class: 'field' }, h('label', { for: 'login-username' }, 'Tên đăng nhập'), username),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Mật khẩu'), password),
    error,
    submit,
  );

  outlet.append(
    h('div', { class: 'login-wrap' },
      h('section', { class: 'login-card', 'aria-labelledby': 'login-title' },
        h('div', { class: 'login-brand' },
          h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '★'),
          h('span', null, APP_NAME),
        ),
        h('h1', { id: 'login-title' }, 'Đăng nhập'),
        form,
      ),
    ),
  );
  username.focus();

  function showError(text: string): void {
    error.textContent = text;
    error.hidden = false;
  }

  async function onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    error.hidden = true;
    if (!username.value.trim() || !password.value) {
      showError('Hãy nhập tên đăng nhập và mật khẩu.');
      (username.value.trim() ? password : username).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Đang đăng nhập…';
    try {
      const s = await api.login(username.value.trim(), password.value);
      await startSession(s.account, s.csrf_token);
      const next = query.get('next');
      navigate(next && next.startsWith('/') && next !== '/login' ? next : home());
    } catch (err) {
      let msg = err instanceof ApiError ? err.message : 'Không đăng nhập được.';
      if (err instanceof ApiError && err.status === 429 && err.retryAfter && !/thử lại sau/i.test(msg)) {
        msg += ` Hãy thử lại sau ${waitText(err.retryAfter)}.`;
      }
      showError(msg);
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Đăng nhập';
    }
  }
}

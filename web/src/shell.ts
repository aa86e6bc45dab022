/*
 * shell: the frame around every page once signed in — header with the app
 * name, the account (username, role, org) and "Đăng xuất"; the navigation
 * (collapsing to a menu button on phones); and the scope bar showing the
 * selected subtree that every page works on.
 */

import { api } from './api';
import { h, replace } from './dom';
import { ROLE_NAMES, nameOf } from './labels';
import { navigate } from './router';
import { canManageAccounts, canReadOrgs, endSession, onOrgChange, selectOrg, state } from './state';

export const APP_NAME = 'chibo — Quản lý công tác xây dựng Đảng';

interface NavItem {
  name: string;
  href: string;
  label: string;
}

function navItems(): NavItem[] {
  if (!canReadOrgs()) {
    const id = state.account?.member_id;
    return id ? [{ name: 'member', href: `#/members/${id}`, label: 'Hồ sơ của tôi' }] : [];
  }
  const items = [
    { name: 'dashboard', href: '#/dashboard', label: 'Tổng quan' },
    { name: 'tree', href: '#/tree', label: 'Cây tổ chức' },
    { name: 'members', href: '#/members', label: 'Đảng viên' },
  ];
  if (canManageAccounts()) items.push({ name: 'accounts', href: '#/accounts', label: 'Tài khoản' });
  return items;
}

export interface Shell {
  el: HTMLElement;
  outlet: HTMLElement;
  setSignedIn(on: boolean): void;
  setActive(name: string): void;
}

export function createShell(): Shell {
  const accountBox = h('div', { class: 'account' });
  const nav = h('nav', { id: 'main-nav', class: 'nav', 'aria-label': 'Điều hướng chính' });
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'nav-toggle',
      'aria-expanded': 'false',
      'aria-controls': 'main-nav',
      'data-testid': 'nav-toggle',
      onclick: () => setMenu(toggle.getAttribute('aria-expanded') !== 'true'),
    },
    h('span', { class: 'nav-toggle-bars', 'aria-hidden': 'true' }),
    h('span', { class: 'sr-only' }, 'Mở menu'),
  );
  const scope = h('div', { class: 'scopebar', 'data-testid': 'scope' });
  const header = h(
    'header',
    { class: 'topbar' },
    h('div', { class: 'topbar-inner' },
      h('a', { class: 'brand', href: '#/' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '★'),
        h('span', { class: 'brand-name' }, 'chibo'),
        h('span', { class: 'brand-sub' }, ' — Quản lý công tác xây dựng Đảng'),
      ),
      toggle,
      accountBox,
    ),
    nav,
  );
  const outlet = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  const el = h('div', { class: 'app' }, h('a', { class: 'skip', href: '#main', onclick: skipToMain }, 'Bỏ qua, tới nội dung'), header, scope, outlet);
  let active = '';

  function skipToMain(e: Event): void {
    e.preventDefault();
    outlet.focus();
  }

  function setMenu(open: boolean): void {
    toggle.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  }

  function renderAccount(): void {
    const a = state.account;
    if (!a) {
      accountBox.replaceChildren();
      return;
    }
    replace(
      accountBox,
      h('span', { class: 'account-who' },
        h('strong', { 'data-testid': 'account-username' }, a.username),
        h('span', { class: 'account-role', 'data-testid': 'account-role' }, ROLE_NAMES[a.role] ?? a.role),
        a.org_name ? h('span', { class: 'account-org', title: a.org_code ?? '' }, a.org_name) : null,
      ),
      h('button', { type: 'button', class: 'btn btn-ghost', 'data-testid': 'logout', onclick: logout }, 'Đăng xuất'),
    );
  }

  function renderNav(): void {
    replace(
      nav,
      h('ul', null,
        navItems().map((it) =>
          h('li', null,
            h('a', {
              href: it.href,
              class: it.name === active ? 'active' : null,
              'aria-current': it.name === active ? 'page' : null,
              'data-testid': `nav-${it.name}`,
              onclick: () => setMenu(false),
            }, it.label),
          ),
        ),
      ),
    );
  }

  function renderScope(): void {
    const org = state.org;
    // the accounts page lists the whole scope of the account, not the chosen subtree
    if (!org || !canReadOrgs() || active === 'login' || active === 'accounts') {
      scope.hidden = true;
      return;
    }
    scope.hidden = false;
    const kind = org.kind_name || nameOf(state.meta.org_kinds, org.kind);
    const isRoot = state.root && org.id === state.root.id;
    replace(
      scope,
      h('div', { class: 'scopebar-inner' },
        h('span', { class: 'scope-label' }, 'Phạm vi:'),
        h('strong', { class: 'scope-name', 'data-testid': 'scope-name' }, org.name),
        h('span', { class: 'scope-meta' }, [kind, org.code].filter(Boolean).join(' · ')),
        h('span', { class: 'scope-actions' },
          active !== 'tree' ? h('a', { href: '#/tree' }, 'Chọn tổ chức khác') : null,
          !isRoot && state.root
            ? h('button', { type: 'button', class: 'linklike', onclick: () => state.root && selectOrg(state.root) }, 'Về toàn đảng bộ')
            : null,
        ),
      ),
    );
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } catch {
      /* the session may already be gone; sign out locally regardless */
    }
    endSession();
    navigate('/login');
  }

  onOrgChange(renderScope);

  return {
    el,
    outlet,
    setSignedIn(on: boolean) {
      el.classList.toggle('signed-out', !on);
      header.hidden = !on;
      renderAccount();
      renderNav();
      renderScope();
    },
    setActive(name: string) {
      active = name;
      setMenu(false);
      renderNav();
      renderScope();
    },
  };
}

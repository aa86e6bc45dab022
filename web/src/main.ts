/*
 * main: start-up.  Restores the session (GET /session), mounts the shell and
 * declares the routes.  Every page lives in its own module under pages/.
 */

import './style.css';
import { api, setUnauthenticatedHandler } from './api';
import { h } from './dom';
import { current, navigate, render, route, start } from './router';
import { APP_NAME, createShell } from './shell';
import { canManageAccounts, canReadOrgs, endSession, home, startSession, state } from './state';
import { loginPage } from './pages/login';
import { dashboardPage } from './pages/dashboard';
import { treePage } from './pages/tree';
import { membersPage } from './pages/members';
import { memberPage, memberEditPage, memberNewPage } from './pages/member';
import { accountsPage } from './pages/accounts';

const TITLES: Record<string, string> = {
  login: 'Đăng nhập',
  dashboard: 'Tổng quan',
  tree: 'Cây tổ chức',
  members: 'Đảng viên',
  member: 'Đảng viên',
  accounts: 'Tài khoản',
};

async function boot(): Promise<void> {
  const app = document.getElementById('app');
  if (!app) return;
  const shell = createShell();
  app.replaceChildren(shell.el);
  shell.outlet.append(h('p', { class: 'notice notice-loading', role: 'status' }, 'Đang tải…'));

  try {
    const s = await api.session();
    await startSession(s.account, s.csrf_token);
  } catch {
    endSession();
  }

  setUnauthenticatedHandler(() => {
    if (!state.account) return;
    endSession();
    const { path } = current();
    navigate(`/login?next=${encodeURIComponent(path)}`);
  });

  route('/login', 'login', loginPage);
  route('/', 'home', () => navigate(home()));
  route('/dashboard', 'dashboard', dashboardPage);
  route('/tree', 'tree', treePage);
  route('/members', 'members', membersPage);
  route('/members/new', 'members', memberNewPage);
  route('/members/:id', 'member', memberPage);
  route('/members/:id/edit', 'member', memberEditPage);
  route('/accounts', 'accounts', accountsPage);

  start(shell.outlet, {
    guard(path) {
      if (!state.account && path !== '/login') return `/login${path !== '/' ? `?next=${encodeURIComponent(path)}` : ''}`;
      if (state.account && path === '/login') return home();
      if (state.account && !canReadOrgs() && (path === '/dashboard' || path === '/tree')) return home();
      if (state.account && !canManageAccounts() && path === '/accounts') return home();
      return null;
    },
    onChange(name) {
      shell.setSignedIn(!!state.account);
      shell.setActive(name);
      document.title = TITLES[name] ? `${TITLES[name]} · ${APP_NAME}` : APP_NAME;
    },
  });
}

// re-render when the page is restored from the back/forward cache with a stale session
window.addEventListener('pageshow', (e) => {
  if (e.persisted) void render();
});

void boot();

/*
 * state: what every page shares — the signed-in account, the reference data
 * from /meta, the account's root org and the selected subtree.  The subtree
 * is chosen in the tree page (default: the root) and remembered for the tab
 * in sessionStorage so a reload keeps it.
 */

import { api, setCsrfToken, type Account, type Org } from './api';
import { FALLBACK_META, type Meta } from './labels';

export const state = {
  account: null as Account | null,
  meta: FALLBACK_META as Meta,
  root: null as Org | null,
  org: null as Org | null,
};

type Listener = () => void;
const orgListeners = new Set<Listener>();

export function onOrgChange(fn: Listener): () => void {
  orgListeners.add(fn);
  return () => orgListeners.delete(fn);
}

const storageKey = (): string => `chibo.org.${state.account?.username ?? ''}`;

export function selectOrg(org: Org): void {
  state.org = org;
  try {
    sessionStorage.setItem(storageKey(), String(org.id));
  } catch {
    /* storage may be disabled; the choice then lasts until reload */
  }
  orgListeners.forEach((fn) => fn());
}

export const role = (): string => state.account?.role ?? '';
export const canWrite = (): boolean => ['admin', 'officer', 'secretary'].includes(role());
/** May create, rename, move and dissolve orgs in scope (docs/API.md, "orgs write"). */
export const canWriteOrgs = (): boolean => ['admin', 'officer'].includes(role());
/** May import members from a file (docs/API.md, "import"). */
export const canImport = (): boolean => ['admin', 'officer'].includes(role());
export const canExport = (): boolean => ['admin', 'officer', 'secretary', 'inspector'].includes(role());
/** May list, create and change accounts in scope (docs/API.md, "Accounts"). */
export const canManageAccounts = (): boolean => ['admin', 'officer'].includes(role());
export const canReadOrgs = (): boolean => role() !== '' && role() !== 'member';

/** The landing route for the signed-in account. */
export function home(): string {
  if (!state.account) return '/login';
  if (canReadOrgs()) return '/dashboard';
  return state.account.member_id ? `/members/${state.account.member_id}` : '/members';
}

/** After login or a restored session: load /meta, the root org and the remembered subtree. */
export async function startSession(account: Account, csrf: string): Promise<void> {
  state.account = account;
  setCsrfToken(csrf);
  const [meta, roots] = await Promise.all([
    api.meta().catch(() => null),
    canReadOrgs() ? api.rootOrgs().catch(() => null) : Promise.resolve(null),
  ]);
  if (meta) state.meta = { ...FALLBACK_META, ...meta };
  state.root = roots?.items[0] ?? null;
  state.org = state.root;
  let saved: string | null = null;
  try {
    saved = sessionStorage.getItem(storageKey());
  } catch {
    saved = null;
  }
  if (saved && state.root && saved !== String(state.root.id)) {
    state.org = await api.org(saved).catch(() => state.root);
  }
}

export function endSession(): void {
  state.account = null;
  state.root = null;
  state.org = null;
  setCsrfToken(null);
}

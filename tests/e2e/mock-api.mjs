// A stand-in for chibo's HTTP API (docs/API.md), for working on the web UI
// without the C server: serves web/dist with SPA fallback and a small
// in-memory subset of /api/v1 (session, meta, orgs, members, history).
// Not a test and not run by `node --test`; the e2e tests use the real server.
//
//   node tests/e2e/mock-api.mjs [port]     (login: officer1 / secret-pass-1)

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const port = Number(process.argv[2] ?? 8090);

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

// ---- data -------------------------------------------------------------------

const KINDS = { upper: 'Đảng bộ cấp trên cơ sở', grassroots: 'Đảng bộ cơ sở', gcell: 'Chi bộ cơ sở', subcommittee: 'Đảng bộ bộ phận', cell: 'Chi bộ trực thuộc' };
const TYPES = { agency: 'Cơ quan hành chính', service: 'Đơn vị sự nghiệp', soe: 'Doanh nghiệp nhà nước', private: 'Doanh nghiệp ngoài nhà nước' };
const STATUSES = { probationary: 'Dự bị', official: 'Chính thức', transferred: 'Đã chuyển đi', deceased: 'Từ trần', removed: 'Xóa tên', expelled: 'Khai trừ' };

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rnd() * a.length)];

const orgs = [];
function addOrg(code, name, kind, type, parent, extra = {}) {
  const id = orgs.length + 1;
  const p = parent ? orgs[parent - 1] : null;
  orgs.push({ id, code, name, kind, kind_name: KINDS[kind], type, type_name: type ? TYPES[type] : null, parent_id: parent,
    path: (p ? p.path : '/') + id + '/', depth: p ? p.depth + 1 : 0, founded_on: '1990-02-03', dissolved_on: null, covers: [], version: 1, ...extra });
  return id;
}
const root = addOrg('DUK', 'Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh', 'upper', null, null);
const units = ['Sở Tài chính', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Bệnh viện Đa khoa tỉnh', 'Công ty Điện lực', 'Trường Chính trị tỉnh', 'Sở Nội vụ', 'Công ty Cổ phần Dược'];
units.forEach((u, i) => {
  const type = ['agency', 'agency', 'agency', 'service', 'soe', 'service', 'agency', 'private'][i];
  const g = addOrg(`DUK.DB${String(i + 1).padStart(2, '0')}`, `Đảng bộ ${u}`, 'grassroots', type, root);
  for (let j = 1; j <= 3; j++) addOrg(`DUK.DB${String(i + 1).padStart(2, '0')}.CB${j}`, `Chi bộ Phòng ${['Tổng hợp', 'Kế hoạch', 'Nghiệp vụ'][j - 1]}`, 'cell', null, g);
});
addOrg('DUK.CB01', 'Chi bộ Hội Văn học nghệ thuật', 'gcell', 'service', root);
addOrg('DUK.CB02', 'Chi bộ ghép Liên minh Hợp tác xã', 'gcell', 'agency', root, { covers: ['Liên minh Hợp tác xã tỉnh', 'Hội Nông dân tỉnh', 'Hội Chữ thập đỏ tỉnh'] });
addOrg('DUK.CB03', 'Chi bộ Ban Quản lý dự án cũ', 'gcell', 'agency', root, { dissolved_on: '2024-06-30' });

const SURN = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MID_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công'];
const MID_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mỹ', 'Kim'];
const GIV_M = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hùng', 'Khánh', 'Long', 'Nam', 'Phúc', 'Quang', 'Sơn', 'Tuấn', 'Việt'];
const GIV_F = ['Anh', 'Châu', 'Dung', 'Giang', 'Hà', 'Hằng', 'Lan', 'Linh', 'Mai', 'Ngân', 'Oanh', 'Phương', 'Thảo', 'Trang', 'Yến'];
const cells = orgs.filter((o) => (o.kind === 'cell' || o.kind === 'gcell') && !o.dissolved_on);
const members = [];
for (let i = 0; i < 420; i++) {
  const sex = rnd() < 0.45 ? 'female' : 'male';
  const surname = pick(SURN), middle_name = pick(sex === 'female' ? MID_F : MID_M), given_name = pick(sex === 'female' ? GIV_F : GIV_M);
  const by = 1960 + Math.floor(rnd() * 42);
  const org = pick(cells);
  const admitted = by + 20 + Math.floor(rnd() * 12);
  const r = rnd();
  const status = admitted >= 2025 ? 'probationary' : r < 0.86 ? 'official' : pick(Object.keys(STATUSES));
  const p2 = (n) => String(n).padStart(2, '0');
  members.push({
    id: i + 1, org_id: org.id, org_code: org.code, org_name: org.name,
    full_name: `${surname} ${middle_name} ${given_name}`, surname, middle_name, given_name, sex,
    birth_date: `${by}-${p2(1 + Math.floor(rnd() * 12))}-${p2(1 + Math.floor(rnd() * 28))}`,
    ethnicity: rnd() < 0.9 ? 'Kinh' : 'Khmer', religion: rnd() < 0.8 ? 'Không' : 'Phật giáo',
    hometown: pick(['Mỹ Tho, Tiền Giang', 'Cái Bè, Tiền Giang', 'Gò Công, Tiền Giang', 'Bến Tre']),
    residence: pick(['Phường 5, Mỹ Tho', 'Phường Tân Long, Mỹ Tho', 'Xã Đạo Thạnh, Mỹ Tho']),
    education: pick(['Đại học', 'Thạc sĩ', 'Cao đẳng']), theory_level: pick(['Trung cấp', 'Cao cấp', 'Sơ cấp']),
    position: pick(['Chuyên viên', 'Trưởng phòng', 'Phó Trưởng phòng', 'Kế toán']),
    card_no: String(10000000 + Math.floor(rnd() * 89999999)),
    admitted_on: `${Math.min(admitted, 2025)}-${p2(1 + Math.floor(rnd() * 12))}-${p2(1 + Math.floor(rnd() * 28))}`,
    official_on: null, status, exempt: rnd() < 0.03, version: 1,
  });
}
for (const m of members) if (m.status !== 'probationary') m.official_on = String(+m.admitted_on.slice(0, 4) + 1) + m.admitted_on.slice(4);
const history = new Map();

const under = (o, id) => orgs[id - 1].path.startsWith(o.path);
const active = (m) => m.status === 'official' || m.status === 'probationary';
function age(m) { const t = new Date(); const b = new Date(m.birth_date); let a = t.getFullYear() - b.getFullYear(); if (t < new Date(t.getFullYear(), b.getMonth(), b.getDate())) a--; return a; }
const band = (a) => (a <= 30 ? '18_30' : a <= 40 ? '31_40' : a <= 50 ? '41_50' : a <= 60 ? '51_60' : '61_up');
function orgOut(o) {
  return { ...o, child_count: orgs.filter((c) => c.parent_id === o.id).length,
    member_count: members.filter((m) => under(o, m.org_id) && active(m)).length };
}
function stats(o) {
  const ms = members.filter((m) => under(o, m.org_id));
  const act = ms.filter(active);
  const s = { member_total: act.length, by_status: {}, by_sex: { male: 0, female: 0 }, by_age_band: {}, grassroots_by_type: {}, orgs_by_kind: {} };
  for (const m of ms) s.by_status[m.status] = (s.by_status[m.status] ?? 0) + 1;
  for (const m of act) { s.by_sex[m.sex]++; const b = band(age(m)); s.by_age_band[b] = (s.by_age_band[b] ?? 0) + 1; }
  for (const c of orgs.filter((x) => x.path.startsWith(o.path) && !x.dissolved_on)) {
    s.orgs_by_kind[c.kind] = (s.orgs_by_kind[c.kind] ?? 0) + 1;
    if ((c.kind === 'grassroots' || c.kind === 'gcell') && c.type) s.grassroots_by_type[c.type] = (s.grassroots_by_type[c.type] ?? 0) + 1;
  }
  return s;
}

// ---- validation -------------------------------------------------------------

const FIELDS = ['full_name', 'sex', 'birth_date', 'ethnicity', 'religion', 'hometown', 'residence', 'education', 'theory_level', 'position', 'card_no', 'admitted_on', 'official_on', 'status', 'exempt', 'org_id'];
function validDate(s) { if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false; const d = new Date(s + 'T00:00:00Z'); return !isNaN(d) && d.toISOString().slice(0, 10) === s; }
function validate(m) {
  const errors = [];
  const today = new Date().toISOString().slice(0, 10);
  if (!m.full_name || m.full_name.trim().split(/\s+/).length < 2) errors.push({ field: 'full_name', message: 'Họ và tên phải có ít nhất họ và tên' });
  for (const f of ['birth_date', 'admitted_on', 'official_on']) {
    if (m[f] == null) continue;
    if (!validDate(m[f])) errors.push({ field: f, message: `${{ birth_date: 'Ngày sinh', admitted_on: 'Ngày vào Đảng', official_on: 'Ngày chính thức' }[f]} không hợp lệ` });
    else if (m[f] > today) errors.push({ field: f, message: `${{ birth_date: 'Ngày sinh', admitted_on: 'Ngày vào Đảng', official_on: 'Ngày chính thức' }[f]} không được sau ngày hôm nay` });
  }
  if (m.birth_date && m.admitted_on && validDate(m.birth_date) && validDate(m.admitted_on)) {
    const a = +m.admitted_on.slice(0, 4) - +m.birth_date.slice(0, 4);
    if (a < 18) errors.push({ field: 'admitted_on', message: 'Người vào Đảng phải đủ 18 tuổi' });
  }
  if (m.card_no && !/^\d{8}$/.test(String(m.card_no).replace(/[.\s]/g, ''))) errors.push({ field: 'card_no', message: 'Số thẻ đảng viên phải có 8 chữ số' });
  if (!['male', 'female'].includes(m.sex)) errors.push({ field: 'sex', message: 'Giới tính không hợp lệ' });
  return errors;
}

// ---- http -------------------------------------------------------------------

const sessions = new Map();
const account = { id: 1, username: 'officer1', role: 'officer', org_id: root, org_code: 'DUK', org_name: orgs[0].name, member_id: null };

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
const fail = (res, status, code, message, extra = {}) => send(res, status, { error: { code, message, ...extra } });

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const t = Buffer.concat(chunks).toString('utf8');
  return t ? JSON.parse(t) : null;
}

async function api(req, res, path, q) {
  const cookie = /chibo_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const sess = cookie && sessions.get(cookie);
  const m = req.method;
  if (path === '/session') {
    if (m === 'POST') {
      const b = await readBody(req);
      if (b?.username !== 'officer1' || b?.password !== 'secret-pass-1') return fail(res, 401, 'unauthenticated', 'Tên đăng nhập hoặc mật khẩu không đúng');
      const id = Math.random().toString(36).slice(2), csrf = Math.random().toString(36).slice(2);
      sessions.set(id, { csrf });
      return send(res, 200, { account, csrf_token: csrf }, { 'Set-Cookie': `chibo_session=${id}; HttpOnly; SameSite=Strict; Path=/` });
    }
    if (!sess) return fail(res, 401, 'unauthenticated', 'Chưa đăng nhập');
    if (m === 'GET') return send(res, 200, { account, csrf_token: sess.csrf });
    if (m === 'DELETE') { sessions.delete(cookie); return send(res, 204); }
  }
  if (!sess) return fail(res, 401, 'unauthenticated', 'Chưa đăng nhập');
  if (m !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) return fail(res, 403, 'forbidden', 'Thiếu mã chống giả mạo (CSRF)');
  if (path === '/meta') return send(res, 200, {
    org_kinds: Object.entries(KINDS).map(([code, name]) => ({ code, name })),
    org_types: Object.entries(TYPES).map(([code, name]) => ({ code, name })),
    member_statuses: Object.entries(STATUSES).map(([code, name]) => ({ code, name })),
    sexes: [{ code: 'male', name: 'Nam' }, { code: 'female', name: 'Nữ' }],
    age_bands: [['18_30', 'Từ 18 đến 30 tuổi'], ['31_40', 'Từ 31 đến 40 tuổi'], ['41_50', 'Từ 41 đến 50 tuổi'], ['51_60', 'Từ 51 đến 60 tuổi'], ['61_up', 'Trên 60 tuổi']].map(([code, name]) => ({ code, name })),
  });
  let r;
  if (path === '/orgs') {
    if (q.get('q')) { const f = fold(q.get('q')); return send(res, 200, { items: orgs.filter((o) => fold(o.name).includes(f) || fold(o.code).includes(f)).slice(0, 20).map(orgOut), next: null }); }
    return send(res, 200, { items: [orgOut(orgs[0])], next: null });
  }
  if ((r = /^\/orgs\/(\w+)(\/children|\/stats)?$/.exec(path))) {
    const o = orgs.find((x) => String(x.id) === r[1] || x.code === r[1]);
    if (!o) return fail(res, 404, 'not_found', 'Không tìm thấy tổ chức');
    if (r[2] === '/children') return send(res, 200, { items: orgs.filter((c) => c.parent_id === o.id).map(orgOut) });
    if (r[2] === '/stats') return send(res, 200, stats(o));
    const ids = o.path.split('/').filter(Boolean).map(Number).filter((i) => i !== o.id);
    return send(res, 200, { ...orgOut(o), ancestors: ids.map((i) => ({ id: i, code: orgs[i - 1].code, name: orgs[i - 1].name })) });
  }
  if (path === '/members' && m === 'GET') {
    const org = orgs.find((x) => String(x.id) === q.get('org') || x.code === q.get('org')) ?? orgs[0];
    let list = members.filter((x) => under(org, x.org_id));
    if (q.get('q')) { const words = fold(q.get('q')).split(/\s+/); list = list.filter((x) => words.every((w) => fold(x.full_name).split(' ').some((n) => n.startsWith(w)) || x.card_no?.includes(w))); }
    for (const k of ['status', 'sex']) if (q.get(k)) list = list.filter((x) => x[k] === q.get(k));
    if (q.get('age_band')) list = list.filter((x) => band(age(x)) === q.get('age_band'));
    list.sort((a, b) => a.given_name.localeCompare(b.given_name, 'vi') || a.middle_name.localeCompare(b.middle_name, 'vi') || a.surname.localeCompare(b.surname, 'vi'));
    const start = Number(q.get('cursor') ?? 0), limit = Number(q.get('limit') ?? 50);
    const items = list.slice(start, start + limit).map((x) => ({ ...x, age: age(x) }));
    return send(res, 200, { items, next: start + limit < list.length ? String(start + limit) : null });
  }
  if (path === '/members' && m === 'POST') {
    const b = await readBody(req);
    const org = orgs.find((o) => o.id === b.org_id);
    const rec = { ...b, id: members.length + 1, org_code: org?.code, org_name: org?.name, version: 1 };
    const errors = validate(rec);
    if (errors.length) return fail(res, 422, 'validation', errors[0].message, { field: errors[0].field, errors });
    const parts = rec.full_name.split(' ');
    Object.assign(rec, { surname: parts[0], given_name: parts.at(-1), middle_name: parts.slice(1, -1).join(' ') });
    members.push(rec);
    history.set(rec.id, [{ at: new Date().toISOString(), username: 'officer1', action: 'create', before: null, after: rec }]);
    return send(res, 201, rec);
  }
  if ((r = /^\/members\/(\d+)(\/history)?$/.exec(path))) {
    const rec = members[+r[1] - 1];
    if (!rec) return fail(res, 404, 'not_found', 'Không tìm thấy đảng viên');
    if (r[2]) return send(res, 200, { items: history.get(rec.id) ?? [], next: null });
    if (m === 'GET') return send(res, 200, { ...rec, age: age(rec) });
    if (m === 'PATCH') {
      const b = await readBody(req);
      if (b.version !== rec.version) return fail(res, 409, 'conflict', 'Bản ghi đã được người khác sửa');
      const next = { ...rec };
      const before = {}, after = {};
      for (const f of FIELDS) if (f in b) { before[f] = rec[f]; after[f] = b[f]; next[f] = b[f]; }
      const errors = validate(next);
      if (errors.length) return fail(res, 422, 'validation', errors[0].message, { field: errors[0].field, errors });
      next.version++;
      members[rec.id - 1] = next;
      history.set(rec.id, [{ at: new Date().toISOString(), username: 'officer1', action: 'update', before, after }, ...(history.get(rec.id) ?? [])]);
      return send(res, 200, next);
    }
  }
  return fail(res, 404, 'not_found', 'Không có tài nguyên này');
}

const TYPES_MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
createServer(async (req, res) => {
  const u = new URL(req.url, 'http://x');
  try {
    if (u.pathname === '/healthz') return send(res, 200, { status: 'ok' });
    if (u.pathname.startsWith('/api/v1/')) return await api(req, res, u.pathname.slice(7), u.searchParams);
    const file = normalize(join(DIST, u.pathname));
    let data;
    try { data = file.startsWith(DIST) ? await readFile(file) : null; } catch { data = null; }
    if (!data || u.pathname === '/') { data = await readFile(join(DIST, 'index.html')); res.writeHead(200, { 'Content-Type': TYPES_MIME['.html'] }); return res.end(data); }
    res.writeHead(200, { 'Content-Type': TYPES_MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(data);
  } catch (e) {
    console.error(e);
    fail(res, 500, 'internal', 'Lỗi máy chủ');
  }
}).listen(port, '127.0.0.1', () => console.log(`mock chibo on http://127.0.0.1:${port}`));

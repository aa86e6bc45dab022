/*
 * format: Vietnamese presentation of dates, numbers and percentages, and the
 * reverse for dates typed by users (DESIGN.md "Vietnamese conventions").
 * The API speaks ISO dates ("1985-02-01"); people read and type dd/mm/yyyy.
 * Pure functions, no DOM.
 */

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** "1985-02-01" (or an ISO timestamp) → "01/02/1985"; "" for null/empty. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/**
 * An ISO timestamp → "dd/mm/yyyy HH:mm" in the browser's local time.
 * A bare date is shown as formatDate does.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(iso);
  // SQLite's "YYYY-MM-DD HH:MM:SS" has no zone: it is UTC by convention.
  let s = iso.includes('T') ? iso : iso.replace(' ', 'T');
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) s += 'Z';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()} ` +
    `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

const VN_OFFSET_MS = 7 * 3600 * 1000; // Vietnam: UTC+7 all year, no daylight saving

function parseInstant(iso: string): Date | null {
  let s = iso.includes('T') ? iso : iso.replace(' ', 'T');
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) s += 'Z';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * An ISO timestamp → "dd/mm/yyyy HH:mm" in Vietnam time (UTC+7), whatever
 * the browser's time zone.  A bare date is shown as formatDate does.
 */
export function formatDateTimeVN(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(iso);
  const d = parseInstant(iso);
  if (!d) return iso;
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  return `${pad2(v.getUTCDate())}/${pad2(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ` +
    `${pad2(v.getUTCHours())}:${pad2(v.getUTCMinutes())}`;
}

/**
 * An ISO timestamp → "dd/mm/yyyy", the day it was in Vietnam (UTC+7),
 * whatever the browser's time zone.  A bare date is shown as formatDate does.
 */
export function formatDateVN(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(iso);
  const d = parseInstant(iso);
  if (!d) return iso;
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  return `${pad2(v.getUTCDate())}/${pad2(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
}

/** Today's date in Vietnam as "dd/mm/yyyy". */
export function todayVN(now: Date = new Date()): string {
  const v = new Date(now.getTime() + VN_OFFSET_MS);
  return `${pad2(v.getUTCDate())}/${pad2(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
}

/** Integer with "." thousands separators: 7595 → "7.595", -1200 → "-1.200". */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const neg = n < 0;
  const digits = Math.trunc(Math.abs(n)).toString();
  const groups: string[] = [];
  for (let i = digits.length; i > 0; i -= 3) groups.unshift(digits.slice(Math.max(0, i - 3), i));
  return (neg ? '-' : '') + groups.join('.');
}

/**
 * part/whole as a percentage rounded half-up to two decimals, computed from
 * integers (99/107 → "92,52%", 8/107 → "7,48%").  "—" when whole is 0.
 */
export function formatPercent(part: number, whole: number): string {
  if (!whole) return '—';
  // hundredths of a percent, rounded half-up: floor((2*part*10000 + whole) / (2*whole))
  const h = Math.floor((2 * part * 10000 + whole) / (2 * whole));
  const int = Math.floor(h / 100);
  const frac = h % 100;
  return `${formatNumber(int)},${pad2(frac)}%`;
}

export type DateParse =
  | { ok: true; iso: string | null }
  | { ok: false; message: string };

/**
 * A date typed by a person: "d/m/yyyy" with "/", "." or "-" as separator
 * (ISO "yyyy-mm-dd" is accepted too).  Empty input → { ok, iso: null }.
 * Rejects dates that do not exist (31/02/2020) with a Vietnamese message.
 */
export function parseDate(input: string): DateParse {
  const s = input.trim();
  if (s === '') return { ok: true, iso: null };
  let d: number, m: number, y: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (match) {
    d = +match[1]; m = +match[2]; y = +match[3];
  } else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    y = +match[1]; m = +match[2]; d = +match[3];
  } else {
    return { ok: false, message: 'Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy (ví dụ 02/09/1985)' };
  }
  if (m < 1 || m > 12) return { ok: false, message: `Tháng ${m} không hợp lệ (phải từ 1 đến 12)` };
  if (y < 1900 || y > 2200) return { ok: false, message: `Năm ${y} không hợp lệ` };
  const last = daysInMonth(y, m);
  if (d < 1 || d > last) {
    return { ok: false, message: `Ngày ${pad2(d)}/${pad2(m)}/${y} không tồn tại (tháng ${m}/${y} có ${last} ngày)` };
  }
  return { ok: true, iso: `${y}-${pad2(m)}-${pad2(d)}` };
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Accent folding as the server's search does it: "Đặng Thị Ánh" → "dang thi anh". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** NFC-normalise and trim a user's text. */
export function clean(s: string): string {
  return s.normalize('NFC').trim().replace(/\s+/g, ' ');
}

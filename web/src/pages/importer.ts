/*
 * importer: "Nhập từ tệp" — the member import dialog the member list offers
 * to admins and officers (docs/API.md, POST /imports/members).
 *
 * The person chooses the receiving org (default: the selected subtree;
 * others searched in scope with GET /orgs?q=) and a .xlsx or .csv file, then
 * works in two steps:
 *   1. "Kiểm tra tệp" sends the file's bytes with dry_run=1: the server reads
 *      and checks every row and writes nothing;
 *   2. "Nhập N đảng viên" sends the very bytes that were checked, for real.
 * The import is all or nothing: a bad row refuses the whole file, and the
 * server's error names the row (the header is row 1) and the column; the
 * dialog shows that message with the row and column as separate values.
 * Changing the org or the file after a check asks for a new check.
 */

import { ApiError, api, type Org } from '../api';
import { h, replace, uid, type Child } from '../dom';
import { combo, formKit, openDialog } from '../forms';
import { formatNumber } from '../format';
import { CELL_KINDS } from '../labels';
import { state } from '../state';
import { orgOption } from './orgadmin';

/** The server's upload limit for imports (chibo serve: 64 MB). */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;
export const TOO_LARGE = 'Tệp quá lớn (tối đa 64 MB)';


/** 1536 → "1,5 KB"; sizes as people read them, with the Vietnamese decimal comma. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${formatNumber(n)} byte`;
  const [v, unit] = n < 1024 * 1024 ? [n / 1024, 'KB'] : [n / (1024 * 1024), 'MB'];
  return `${v < 10 ? v.toFixed(1).replace('.', ',') : formatNumber(Math.round(v))} ${unit}`;
}

/** Why this file cannot be sent, or null. */
function fileProblem(f: File): string | null {
  const ext = /\.([^.]+)$/.exec(f.name)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls') return 'Tệp .xls (Excel 97–2003) chưa đọc được: hãy mở bằng Excel và lưu lại dạng .xlsx hoặc CSV UTF-8.';
  if (ext !== 'xlsx' && ext !== 'csv') return 'Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).';
  if (f.size === 0) return 'Tệp trống.';
  if (f.size > IMPORT_MAX_BYTES) return TOO_LARGE;
  return null;
}

interface Checked {
  org: Org;
  bytes: ArrayBuffer;
  count: number;
}

/** onImported runs after a successful import (also when the dialog was closed meanwhile). */
export function openImportDialog(onImported: (org: Org, count: number) => void | Promise<void>): void {
  const kit = formKit('Kiểm tra tệp', { prefix: 'import', labels: { org: 'Tổ chức nhận', file: 'Tệp danh sách' }, conflict: '' });
  const ctrl = new AbortController();
  let checked: Checked | null = null;
  let busy = false;
  let done = false;

  const orgNote = h('p', { class: 'field-hint import-org-note', 'data-testid': 'import-org-note' });
  const org = combo<Org>(kit, 'org', {
    label: 'Tổ chức nhận', placeholder: 'Gõ tên hoặc mã tổ chức', chosenPrefix: 'Nhập vào: ', testid: 'import-org',
    hint: 'Mặc định là tổ chức đang chọn; có thể chọn tổ chức khác trong phạm vi quản lý.',
    signal: ctrl.signal,
    search: async (q, sig) => (await api.searchOrgs(q, sig)).items,
    option: orgOption,
    onChoose: () => {
      drawOrgNote();
      invalidate();
    },
  });

  // the native input, transparent, covers a box with Vietnamese words (the
  // browser's own "Choose File" follows its UI language); files may be dropped on it
  const fileInput = h('input', {
    type: 'file', class: 'file-native',
    accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv',
    onchange: () => onFile(),
  });
  const NO_FILE = 'Chưa chọn tệp — bấm để chọn, hoặc kéo tệp thả vào đây';
  const fileInfo = h('span', { class: 'file-name', 'data-testid': 'import-file-info' }, NO_FILE);
  const filePick = h('div', { class: 'file-pick' },
    h('span', { class: 'btn btn-small file-button', 'aria-hidden': 'true' }, 'Chọn tệp…'),
    fileInfo);

  const steps = h('ol', { class: 'import-steps', 'aria-label': 'Các bước' },
    h('li', { 'data-step': '1' }, h('span', { class: 'step-no' }, '1'), 'Kiểm tra tệp'),
    h('li', { 'data-step': '2' }, h('span', { class: 'step-no' }, '2'), 'Nhập vào hệ thống'),
  );
  const result = h('div', { class: 'import-result', 'data-testid': 'import-result', hidden: true });
  const checkBtn = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'import-check' }, 'Kiểm tra tệp');
  const importBtn = h('button', {
    type: 'button', class: 'btn btn-primary', 'data-testid': 'import-submit', hidden: true, onclick: () => void runImport(),
  });
  let closeDialog: () => void = () => {};
  const cancelBtn = h('button', { type: 'button', class: 'btn', 'data-testid': 'import-cancel', onclick: () => closeDialog() }, 'Hủy');

  const helpTitle = uid('import-help');
  const help = h('section', { class: 'import-help', 'aria-labelledby': helpTitle, 'data-testid': 'import-help' },
    h('h3', { id: helpTitle }, 'Tệp cần có'),
    h('ul', null,
      h('li', null, 'Một dòng tiêu đề (có thể nằm dưới vài dòng tên bảng) với các cột bắt buộc: ',
        h('strong', null, 'Họ và tên'), ' (hoặc Họ, Chữ đệm, Tên), ', h('strong', null, 'Giới tính'), ', ',
        h('strong', null, 'Ngày sinh'), ', ', h('strong', null, 'Ngày vào Đảng'), '.'),
      h('li', null, h('strong', null, 'Chi bộ'), ': mã hoặc đúng tên chi bộ — bắt buộc khi nhập vào đảng bộ, không cần khi nhập thẳng vào một chi bộ.'),
      h('li', null, 'Ngày ghi dạng ', h('strong', null, 'dd/mm/yyyy'), ' (ví dụ 02/09/1985) hoặc ô kiểu ngày của Excel.'),
      h('li', null, 'Các cột khác như trong tệp mẫu (Dân tộc, Số thẻ đảng viên, Ngày chính thức, Chức vụ…) có thể để trống; cột lạ như STT được bỏ qua.'),
      h('li', null, h('strong', null, 'Tất cả hoặc không'), ': chỉ một dòng sai là cả tệp không được nhập; hộp thoại chỉ ra dòng và cột cần sửa.'),
    ),
    h('a', { class: 'btn btn-small', href: api.importTemplateUrl(), download: 'mau-nhap-dang-vien.csv', 'data-testid': 'import-template' },
      'Tải tệp mẫu'),
  );

  function setStep(n: 1 | 2 | 3): void {
    for (const li of steps.querySelectorAll('li')) {
      const s = Number(li.getAttribute('data-step'));
      li.classList.toggle('step-done', s < n);
      if (s === n) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
  }

  function drawOrgNote(): void {
    const o = org.chosen();
    if (!o) {
      orgNote.textContent = '';
      return;
    }
    orgNote.textContent = CELL_KINDS.has(o.kind)
      ? `Mọi đảng viên trong tệp được nhập vào ${o.name}; không cần cột “Chi bộ”.`
      : `${o.name} không phải chi bộ: tệp phải có cột “Chi bộ” ghi mã hoặc đúng tên chi bộ trực thuộc.`;
  }

  function showResult(kind: 'ok' | 'done' | 'error', ...children: Child[]): void {
    result.className = `import-result import-${kind}`;
    result.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    result.setAttribute('data-state', kind);
    replace(result, ...children);
    result.hidden = false;
    result.scrollIntoView({ block: 'nearest' });
  }

  /** The org or the file changed: what was checked no longer applies. */
  function invalidate(): void {
    if (done || busy) return;
    checked = null;
    importBtn.hidden = true;
    checkBtn.className = 'btn btn-primary';
    result.hidden = true;
    kit.clear();
    setStep(1);
  }

  function onFile(): void {
    invalidate();
    kit.clearField('file');
    const f = fileInput.files?.[0];
    filePick.classList.toggle('has-file', !!f);
    if (!f) {
      replace(fileInfo, NO_FILE);
      return;
    }
    replace(fileInfo, h('strong', null, f.name), ` · ${formatBytes(f.size)}`);
    const problem = fileProblem(f);
    if (problem) kit.addError('file', problem);
  }

  /** The server's refusal, or a failure on the way, laid out in the result box. */
  function showError(err: unknown, step: 'check' | 'import'): void {
    const e = err instanceof ApiError ? err : null;
    // no answer (or a server failure) while importing: the outcome is unknown
    const unsure = step === 'import' && (!e || e.status === 0 || e.status >= 500);
    let message: string;
    if (!e) message = 'Không gửi được tệp. Hãy thử lại.';
    else if (e.status === 413) message = TOO_LARGE;
    else message = e.message;
    const title = unsure
      ? 'Không rõ tệp đã được nhập hay chưa'
      : step === 'check' ? 'Tệp có lỗi, chưa nhập được' : 'Chưa nhập được tệp';
    showResult('error',
      h('p', { class: 'import-error-title', 'data-testid': 'import-error-title' }, title),
      h('p', { class: 'import-error-message', 'data-testid': 'import-error-message' }, message),
      e && (e.row !== null || e.column !== null)
        ? h('dl', { class: 'import-error-where' },
            e.row !== null ? [h('dt', null, 'Dòng'), h('dd', { 'data-testid': 'import-error-row' }, String(e.row))] : null,
            e.column !== null ? [h('dt', null, 'Cột'), h('dd', { 'data-testid': 'import-error-column' }, e.column)] : null)
        : null,
      h('p', { class: 'import-error-note' }, unsure
        ? 'Hãy đóng hộp thoại và xem danh sách đảng viên trước khi nhập lại, để không nhập trùng.'
        : e?.code === 'import'
          ? 'Không có đảng viên nào được nhập. Hãy sửa tệp (dòng tính như số dòng trong Excel, dòng tiêu đề là dòng 1), lưu lại, chọn lại tệp rồi kiểm tra lại.'
          : 'Không có đảng viên nào được nhập.'),
    );
  }

  async function runCheck(): Promise<void> {
    if (busy || done) return;
    kit.clear();
    const o = org.chosen();
    const f = fileInput.files?.[0] ?? null;
    let ok = true;
    if (!o) {
      kit.addError('org', 'Hãy tìm và chọn tổ chức nhận đảng viên');
      ok = false;
    }
    if (!f) {
      kit.addError('file', 'Hãy chọn tệp .xlsx hoặc .csv');
      ok = false;
    } else {
      const problem = fileProblem(f);
      if (problem) {
        kit.addError('file', problem);
        ok = false;
      }
    }
    if (!ok || !o || !f) {
      result.hidden = true;
      kit.focusFirstError();
      return;
    }
    busy = true;
    checkBtn.disabled = true;
    checkBtn.textContent = 'Đang kiểm tra…';
    result.hidden = true;
    try {
      let bytes: ArrayBuffer;
      try {
        bytes = await f.arrayBuffer();
      } catch {
        fileInput.value = '';
        filePick.classList.remove('has-file');
        replace(fileInfo, NO_FILE);
        kit.addError('file', 'Không đọc được tệp (có thể tệp đã bị sửa hoặc xóa sau khi chọn). Hãy chọn lại tệp.');
        kit.focusFirstError();
        return;
      }
      const res = await api.importMembers(o.code, bytes, true, ctrl.signal);
      checked = { org: o, bytes, count: res.imported };
      const n = formatNumber(res.imported);
      showResult('ok',
        h('p', { 'data-testid': 'import-check-ok' }, h('strong', null, `Tệp hợp lệ: ${n} đảng viên sẽ được nhập`), ` vào ${o.name}.`),
        h('p', { class: 'import-ok-note' }, 'Chưa có gì được ghi. Bấm “', `Nhập ${n} đảng viên`, '” để nhập.'),
      );
      importBtn.textContent = `Nhập ${n} đảng viên`;
      importBtn.hidden = false;
      checkBtn.className = 'btn';
      setStep(2);
      importBtn.focus();
    } catch (err) {
      if (ctrl.signal.aborted) return;
      showError(err, 'check');
    } finally {
      busy = false;
      checkBtn.disabled = false;
      checkBtn.textContent = 'Kiểm tra tệp';
    }
  }

  async function runImport(): Promise<void> {
    const c = checked;
    if (busy || done || !c) return;
    busy = true;
    importBtn.disabled = true;
    checkBtn.disabled = true;
    importBtn.textContent = 'Đang nhập…';
    const label = `Nhập ${formatNumber(c.count)} đảng viên`;
    try {
      // not tied to the dialog: closing it does not stop an import under way
      const res = await api.importMembers(c.org.code, c.bytes, false);
      c.count = res.imported;
      done = true;
      setStep(3);
      showResult('done',
        h('p', { 'data-testid': 'import-done' }, h('strong', null, `Đã nhập ${formatNumber(res.imported)} đảng viên`), ` vào ${c.org.name}.`),
      );
      importBtn.hidden = true;
      checkBtn.hidden = true;
      fileInput.disabled = true;
      filePick.classList.add('is-disabled');
      help.hidden = true;
      org.setEnabled(false, '');
      cancelBtn.textContent = 'Đóng';
      cancelBtn.className = 'btn btn-primary';
      if (cancelBtn.isConnected) cancelBtn.focus();
    } catch (err) {
      checked = null;
      importBtn.hidden = true;
      importBtn.textContent = label;
      checkBtn.className = 'btn btn-primary';
      setStep(1);
      showError(err, 'import');
    } finally {
      busy = false;
      importBtn.disabled = false;
      checkBtn.disabled = false;
    }
    if (done) await onImported(c.org, c.count);
  }

  const fileField = kit.field('file', fileInput, { required: true, hint: 'Excel .xlsx (trang tính đầu tiên) hoặc .csv UTF-8; tối đa 64 MB.' });
  fileInput.replaceWith(filePick);
  filePick.prepend(fileInput);
  fileInfo.id = `${fileInput.id}-name`;
  fileInput.setAttribute('aria-describedby', `${fileInfo.id} ${fileInput.getAttribute('aria-describedby') ?? ''}`.trim());

  openDialog('Nhập đảng viên từ tệp', 'import-dialog', (close) => {
    closeDialog = close;
    return h('form', {
      class: 'dialog-body org-form import-form', novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        void runCheck();
      },
    },
      steps,
      kit.summary,
      h('div', { class: 'import-org' }, org.field, orgNote),
      fileField,
      result,
      help,
      h('div', { class: 'form-actions dialog-actions' }, checkBtn, importBtn, cancelBtn),
    );
  }, () => ctrl.abort());

  setStep(1);
  const start = state.org;
  if (start && !start.dissolved_on) {
    org.set(start);
    fileInput.focus();
  } else {
    org.input.focus();
  }
}

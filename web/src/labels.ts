/*
 * labels: the Vietnamese words the UI shows for API codes and field names.
 * Reference lists (statuses, kinds, ...) come from GET /meta at start-up;
 * the tables here are the fallback and cover what /meta does not (roles,
 * field names, history actions).
 */

export type Code = { code: string; name: string };

export interface Meta {
  org_kinds: Code[];
  org_types: Code[];
  member_statuses: Code[];
  sexes: Code[];
  age_bands: Code[];
}

export const ROLE_NAMES: Record<string, string> = {
  admin: 'Quản trị hệ thống',
  officer: 'Cán bộ tổ chức',
  secretary: 'Bí thư chi bộ',
  inspector: 'Ủy viên kiểm tra',
  member: 'Đảng viên',
};

/** What each role may do, in a line (docs/API.md, "Who may do what"). */
export const ROLE_HINTS: Record<string, string> = {
  admin: 'Toàn quyền trong phạm vi, kể cả cấp tài khoản quản trị.',
  officer: 'Quản lý tổ chức, đảng viên và tài khoản trong phạm vi; nhập, xuất danh sách; xem nhật ký.',
  secretary: 'Xem và sửa hồ sơ đảng viên của tổ chức được giao; xuất danh sách.',
  inspector: 'Chỉ xem tổ chức và đảng viên của tổ chức được giao; xuất danh sách.',
  member: 'Chỉ xem hồ sơ của chính mình.',
};

/** Account fields as the account forms name them. */
export const ACCOUNT_FIELDS: Record<string, string> = {
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  role: 'Vai trò',
  org_id: 'Tổ chức',
  member_id: 'Đảng viên',
  active: 'Trạng thái',
  created_at: 'Ngày tạo',
};

export const FALLBACK_META: Meta = {
  org_kinds: [
    { code: 'upper', name: 'Đảng bộ cấp trên cơ sở' },
    { code: 'grassroots', name: 'Đảng bộ cơ sở' },
    { code: 'gcell', name: 'Chi bộ cơ sở' },
    { code: 'subcommittee', name: 'Đảng bộ bộ phận' },
    { code: 'cell', name: 'Chi bộ trực thuộc' },
  ],
  org_types: [],
  member_statuses: [
    { code: 'probationary', name: 'Dự bị' },
    { code: 'official', name: 'Chính thức' },
    { code: 'transferred', name: 'Đã chuyển đi' },
    { code: 'deceased', name: 'Từ trần' },
    { code: 'removed', name: 'Xóa tên' },
    { code: 'expelled', name: 'Khai trừ' },
  ],
  sexes: [
    { code: 'male', name: 'Nam' },
    { code: 'female', name: 'Nữ' },
  ],
  age_bands: [
    { code: '18_30', name: 'Từ 18 đến 30' },
    { code: '31_40', name: 'Từ 31 đến 40' },
    { code: '41_50', name: 'Từ 41 đến 50' },
    { code: '51_60', name: 'Từ 51 đến 60' },
    { code: '61_up', name: 'Trên 60' },
  ],
};

/** Member fields in the order the detail page and the form show them. */
export const MEMBER_FIELDS: Record<string, string> = {
  full_name: 'Họ và tên',
  surname: 'Họ',
  middle_name: 'Chữ đệm',
  given_name: 'Tên',
  sex: 'Giới tính',
  birth_date: 'Ngày sinh',
  age: 'Tuổi',
  ethnicity: 'Dân tộc',
  religion: 'Tôn giáo',
  hometown: 'Quê quán',
  residence: 'Nơi ở hiện nay',
  card_no: 'Số thẻ đảng viên',
  admitted_on: 'Ngày vào Đảng',
  official_on: 'Ngày chính thức',
  org_id: 'Chi bộ',
  org_code: 'Mã chi bộ',
  org_name: 'Chi bộ',
  education: 'Trình độ chuyên môn',
  theory_level: 'Lý luận chính trị',
  position: 'Chức vụ',
  status: 'Trạng thái',
  exempt: 'Miễn công tác và sinh hoạt',
  version: 'Phiên bản',
};

export const HISTORY_ACTIONS: Record<string, string> = {
  create: 'Tạo mới',
  insert: 'Tạo mới',
  created: 'Tạo mới',
  update: 'Sửa',
  updated: 'Sửa',
  delete: 'Xóa',
  import: 'Nhập từ tệp',
  transfer: 'Chuyển sinh hoạt',
  move: 'Chuyển sinh hoạt',
};

/** Field names whose values are ISO dates. */
export const DATE_FIELDS = new Set(['birth_date', 'admitted_on', 'official_on', 'founded_on', 'dissolved_on']);

/** Suggestions for free-text fields (datalists); people may type anything. */
export const SUGGESTIONS: Record<string, string[]> = {
  ethnicity: ['Kinh', 'Tày', 'Thái', 'Mường', 'Khmer', 'Hoa', 'Nùng', "H'Mông", 'Dao', 'Gia Rai', 'Ê Đê', 'Ba Na', 'Sán Dìu', 'Chăm'],
  religion: ['Không', 'Phật giáo', 'Công giáo', 'Tin Lành', 'Cao Đài', 'Phật giáo Hòa Hảo', 'Hồi giáo'],
  education: ['Trung học phổ thông', 'Trung cấp', 'Cao đẳng', 'Đại học', 'Thạc sĩ', 'Tiến sĩ'],
  theory_level: ['Sơ cấp', 'Trung cấp', 'Cao cấp', 'Cử nhân'],
  position: ['Bí thư chi bộ', 'Phó Bí thư chi bộ', 'Chi ủy viên', 'Đảng viên'],
};

export function nameOf(list: Code[] | undefined, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  return list?.find((c) => c.code === code)?.name ?? code;
}

/** Org fields as the org forms and the org history name them. */
export const ORG_FIELDS: Record<string, string> = {
  code: 'Mã tổ chức',
  name: 'Tên tổ chức',
  kind: 'Loại tổ chức',
  type: 'Loại hình',
  parent_id: 'Tổ chức cấp trên',
  founded_on: 'Ngày thành lập',
  dissolved_on: 'Ngày giải thể',
  covers: 'Đơn vị của chi bộ ghép',
};

export const ORG_HISTORY_ACTIONS: Record<string, string> = {
  create: 'Thành lập',
  update: 'Sửa',
  move: 'Chuyển cấp trên',
  dissolve: 'Giải thể',
};

/**
 * The kinds the UI offers for a new org under a parent of a given kind
 * (the server's rule is wider: it also lets "upper" tiers nest).
 */
export const CHILD_KINDS: Record<string, string[]> = {
  central: ['grassroots', 'gcell'],
  upper: ['grassroots', 'gcell'],
  grassroots: ['subcommittee', 'cell'],
  subcommittee: ['cell'],
};

/** The kinds an org of a given kind may be moved under (as the server allows). */
export const PARENT_KINDS: Record<string, string[]> = {
  upper: ['central', 'upper'],
  grassroots: ['central', 'upper'],
  gcell: ['central', 'upper'],
  subcommittee: ['grassroots'],
  cell: ['grassroots', 'subcommittee'],
};

/** Kinds that are classified by org type (Loại hình tổ chức cơ sở đảng). */
export const TYPED_KINDS = new Set(['grassroots', 'gcell']);
/** Kinds that are a chi bộ, so may be a merged cell (chi bộ ghép) covering several units. */
export const CELL_KINDS = new Set(['gcell', 'cell']);

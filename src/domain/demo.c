/*
 * demo: the deterministic demo party organisation; see demo.h.
 *
 * The tree is walked three times with the same random draws: the first
 * walk only sums the size weights of the grassroots organisations, so that
 * the second (organisations) and third (members, cell by cell) can hand
 * out exactly the requested number of members without holding anything in
 * memory.  Every grassroots organisation and every cell has its own PRNG
 * seeded from its position, so the walks agree draw for draw and 6 million
 * members stream through in constant memory.
 *
 * Shapes follow the seeds and the 2025 structure: a bloc committee (seed
 * 000: 94 grassroots organisations of 8 types, 7.595 members) or, at
 * national size, the Party -> 34 provinces -> grassroots organisations.
 * A grassroots organisation with 30 or more members is a đảng bộ cơ sở
 * with cells (Charter art. 21), a smaller one a chi bộ cơ sở.
 *
 * "Members" are the active ones (probationary or official), as the seeds
 * count them: the split hands out exactly that many.  Each cell's records
 * also keep the people who left it (transferred out, deceased, removed,
 * expelled), about one for every hundred active members, drawn from the
 * cell's own PRNG between the active ones.
 */
#include "domain/demo.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "domain/orgtype.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

enum {
	MEMBERS_MAX = 99999999,       /* card numbers have 8 digits */
	CARD_NUMBERS = 100000000,
	FORMER_PERMILLE = 10,         /* former members per active member */
	PROVINCE_THRESHOLD = 200000,  /* above this, a national tree */
	GRASSROOTS_COMMITTEE_MIN = 30, /* Charter art. 21 */
	GRASSROOTS_MIN_MEMBERS = 5,
	CELL_MIN_MEMBERS = 3,
	SUBCOMMITTEE_MIN_MEMBERS = 200,
	CODE_MAX = 64,
	PATH_MAX_LEN = 160,
	NAME_MAX_LEN = 400,
	TEXT_MAX = 160,
};

static const uint64_t SEED_ORG = 0x43484942304f5247u; /* "CHIB0ORG" */
static const uint64_t SEED_MEMBER = 0x43484942304d454du; /* "CHIB0MEM" */

/* ---- PRNG: splitmix64, one small state per organisation or cell ---- */

struct rng {
	uint64_t s;
};

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static uint64_t rng_next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15u;
	return mix64(r->s);
}

static struct rng rng_for(uint64_t seed, long long index)
{
	struct rng r = {mix64(seed ^ mix64((uint64_t)index))};
	return r;
}

/* Uniform in [0, n), n < 2^32. */
static unsigned rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static bool rng_permille(struct rng *r, unsigned p)
{
	return rng_below(r, 1000) < p;
}

/* Skewed towards lo: most values small, a long tail up to lo + span - 1. */
static unsigned rng_skewed(struct rng *r, unsigned lo, unsigned span)
{
	return lo + rng_below(r, span) * rng_below(r, span) / span;
}

struct weighted {
	const char *s;
	unsigned w;
};

static const char *pick(struct rng *r, const struct weighted *t, int n)
{
	unsigned total = 0;
	for (int i = 0; i < n; i++)
		total += t[i].w;
	unsigned x = rng_below(r, total);
	for (int i = 0; i < n - 1; i++) {
		if (x < t[i].w)
			return t[i].s;
		x -= t[i].w;
	}
	return t[n - 1].s;
}

#define PICK(r, table) pick(r, table, COUNT(table))
#define ANY(r, list) ((list)[rng_below(r, COUNT(list))])

/* ---- splitting a total into parts by weight, one part at a time ---- */

/* Every part gets `base`, the rest goes by cumulative weight with floors,
 * so the parts always add up to the total and need no storage. */
struct split {
	long long base, rest, given;
	uint64_t total_w, cum_w;
};

static void split_init(struct split *s, long long total, long long parts,
		       long long min_base, uint64_t total_w)
{
	s->base = parts > 0 && total / parts < min_base ? total / parts
							: min_base;
	s->rest = total - s->base * parts;
	s->given = 0;
	s->total_w = total_w ? total_w : 1;
	s->cum_w = 0;
}

/* Bounded inputs (rest <= 10^8, total_w <= ~10^9) keep rest * cum_w well
 * inside 64 bits. */
static long long split_next(struct split *s, uint64_t w)
{
	s->cum_w += w;
	long long upto = (long long)((uint64_t)s->rest * s->cum_w / s->total_w);
	long long part = s->base + upto - s->given;
	s->given = upto;
	return part;
}

/* ---- data: places ---- */

struct province {
	const char *name; /* as written after "Đảng bộ" and in addresses */
	unsigned weight;  /* roughly thousands of party members */
};

/* The 34 provinces and cities of 2025 in the order of Nghị quyết
 * 202/2025/QH15. */
static const struct province provinces[] = {
	{"thành phố Hà Nội", 520}, {"thành phố Huế", 60},
	{"tỉnh Lai Châu", 40}, {"tỉnh Điện Biên", 60},
	{"tỉnh Sơn La", 100}, {"tỉnh Lạng Sơn", 80},
	{"tỉnh Quảng Ninh", 130}, {"tỉnh Thanh Hóa", 300},
	{"tỉnh Nghệ An", 260}, {"tỉnh Hà Tĩnh", 110},
	{"tỉnh Cao Bằng", 60}, {"tỉnh Tuyên Quang", 140},
	{"tỉnh Lào Cai", 130}, {"tỉnh Thái Nguyên", 170},
	{"tỉnh Phú Thọ", 250}, {"tỉnh Bắc Ninh", 200},
	{"tỉnh Hưng Yên", 200}, {"thành phố Hải Phòng", 250},
	{"tỉnh Ninh Bình", 250}, {"tỉnh Quảng Trị", 100},
	{"thành phố Đà Nẵng", 130}, {"tỉnh Quảng Ngãi", 90},
	{"tỉnh Gia Lai", 130}, {"tỉnh Khánh Hòa", 90},
	{"tỉnh Lâm Đồng", 150}, {"tỉnh Đắk Lắk", 130},
	{"Thành phố Hồ Chí Minh", 400}, {"tỉnh Đồng Nai", 140},
	{"tỉnh Tây Ninh", 110}, {"thành phố Cần Thơ", 140},
	{"tỉnh Vĩnh Long", 150}, {"tỉnh Đồng Tháp", 130},
	{"tỉnh Cà Mau", 80}, {"tỉnh An Giang", 130},
};

/* Seed 000's bloc: its political school is Trường Chính trị Trần Phú. */
enum { BLOC_PROVINCE = 9 /* Hà Tĩnh */ };

/* Commune and ward names common all over the country. */
static const char *const communes[] = {
	"Tân Phú", "Hòa Bình", "An Thạnh", "Phú Lộc", "Trần Phú",
	"Thạch Lạc", "Đồng Tiến", "Xuân Lộc", "Hồng Lộc", "Yên Hòa",
	"Kim Hoa", "Hà Linh", "Phúc Trạch", "Tân Hiệp", "Phú Mỹ",
	"Bình Minh", "Thuận An", "An Phú", "Tân An", "Hưng Phú",
	"Quang Trung", "Lê Lợi", "Nguyễn Du", "Hòa Lạc", "Thống Nhất",
	"Tân Lập", "Đông Hòa", "Tây Sơn", "Nam Phước", "Bắc Sơn",
	"Long Hưng", "Vĩnh Phúc", "Thành Sen", "Hà Huy Tập", "Cẩm Xuyên",
	"Thạch Hà", "Nghi Xuân", "Can Lộc", "Đức Thọ", "Hương Sơn",
	"Hương Khê", "Kỳ Anh", "Mỹ Lộc", "Gia Hội", "Thiên Cầm",
	"Phước Long", "Tam Thanh", "Hải Châu", "Ninh Kiều", "Long Xuyên",
	"Định Hòa", "Hiệp Thành", "Phú Thọ", "Bình Thạnh", "Minh Khai",
	"Chiến Thắng", "Quyết Tiến", "Đoan Hùng", "Tiên Du", "Văn Lang",
};

/* ---- data: people ---- */

static const struct weighted surnames_kinh[] = {
	{"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70},
	{"Hoàng", 50}, {"Phan", 45}, {"Vũ", 39}, {"Huỳnh", 25},
	{"Võ", 25}, {"Đặng", 21}, {"Bùi", 20}, {"Đỗ", 14}, {"Hồ", 13},
	{"Ngô", 13}, {"Dương", 10}, {"Đinh", 8}, {"Trương", 6},
	{"Lý", 5}, {"Mai", 5}, {"Đoàn", 5}, {"Hà", 5}, {"Trịnh", 5},
	{"Đào", 5}, {"Lâm", 4}, {"Cao", 4}, {"Lương", 4}, {"Tạ", 3},
	{"Chu", 3}, {"Lưu", 3}, {"Phùng", 3}, {"Tô", 2}, {"Kiều", 2},
	{"Thái", 2}, {"Quách", 2}, {"La", 1}, {"Nghiêm", 1},
	{"Khổng", 1},
};

static const struct weighted surnames_tay[] = {
	{"Hoàng", 3}, {"Nông", 3}, {"Lương", 2}, {"Bế", 2}, {"Ma", 1},
	{"Lục", 1}, {"Đàm", 1},
};
static const struct weighted surnames_thai[] = {
	{"Lò", 3}, {"Lường", 2}, {"Cầm", 2}, {"Vi", 1}, {"Quàng", 1},
	{"Hà", 2},
};
static const struct weighted surnames_muong[] = {
	{"Bùi", 4}, {"Đinh", 3}, {"Quách", 2}, {"Hà", 1}, {"Bạch", 1},
};
static const struct weighted surnames_khmer[] = {
	{"Thạch", 4}, {"Sơn", 3}, {"Danh", 3}, {"Kim", 2}, {"Lâm", 1},
	{"Trà", 1},
};
static const struct weighted surnames_hoa[] = {
	{"Lý", 3}, {"Trương", 2}, {"Quách", 1}, {"Lâm", 2}, {"Tăng", 1},
	{"Mã", 1}, {"Hứa", 1},
};
static const struct weighted surnames_nung[] = {
	{"Hoàng", 3}, {"Nông", 2}, {"Lương", 1}, {"Lăng", 1}, {"Vương", 1},
};

struct ethnicity {
	const char *name;
	unsigned permille;
	const struct weighted *surnames;
	int n_surnames;
};

#define LIST(a) a, COUNT(a)

static const struct ethnicity ethnicities[] = {
	{"Kinh", 931, LIST(surnames_kinh)},
	{"Tày", 15, LIST(surnames_tay)},
	{"Thái", 12, LIST(surnames_thai)},
	{"Mường", 12, LIST(surnames_muong)},
	{"Khmer", 12, LIST(surnames_khmer)},
	{"Hoa", 9, LIST(surnames_hoa)},
	{"Nùng", 9, LIST(surnames_nung)},
};

/* The first middle name is the classic one; a second middle word is drawn
 * from the others ("Nguyễn Thị Thu Hà"). */
static const struct weighted middles_male[] = {
	{"Văn", 300}, {"Đức", 70}, {"Minh", 70}, {"Hữu", 60},
	{"Quang", 60}, {"Công", 50}, {"Đình", 50}, {"Thanh", 50},
	{"Thành", 40}, {"Ngọc", 40}, {"Xuân", 40}, {"Quốc", 40},
	{"Trọng", 40}, {"Duy", 30}, {"Tuấn", 20}, {"Mạnh", 20},
	{"Anh", 20}, {"Hoàng", 20}, {"Việt", 20}, {"Tiến", 20},
	{"Hải", 20}, {"Bá", 15}, {"Khắc", 10},
};
static const struct weighted middles_female[] = {
	{"Thị", 450}, {"Ngọc", 60}, {"Thu", 60}, {"Thanh", 50},
	{"Thùy", 40}, {"Kim", 40}, {"Hồng", 40}, {"Phương", 40},
	{"Bích", 30}, {"Thúy", 30}, {"Minh", 30}, {"Mai", 20},
	{"Khánh", 20}, {"Hải", 20}, {"Diệu", 15}, {"Lan", 15},
	{"Hoài", 15}, {"Mỹ", 15}, {"Quỳnh", 10}, {"Bảo", 10},
};
static const char *const givens_male[] = {
	"Anh", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy",
	"Khoa", "Long", "Minh", "Nam", "Phong", "Quân", "Sơn", "Tài",
	"Thắng", "Thành", "Trung", "Tuấn", "Việt", "Vinh", "Hiếu", "Hưng",
	"Khánh", "Lâm", "Lộc", "Nghĩa", "Phúc", "Quang", "Tâm", "Thịnh",
	"Toàn", "Trí", "Tùng", "Bảo", "Đạt", "Hoàng", "Kiên", "Mạnh",
	"Hậu", "Chiến", "Công", "Lực", "Sang", "Thái", "Tiến", "Vũ",
};
static const char *const givens_female[] = {
	"Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
	"Hoa", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai",
	"My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên",
	"Quỳnh", "Tâm", "Thảo", "Thanh", "Thủy", "Trang", "Trinh",
	"Tuyết", "Uyên", "Vân", "Yến", "Diệp", "Nhàn", "Thơ", "Xuân",
	"Hồng", "Lụa", "Nhi", "Thư", "Vy",
};

struct sex_names {
	const char *code;
	const struct weighted *middles;
	int n_middles;
	const char *const *givens;
	int n_givens;
};

static const struct sex_names sexes[] = {
	{"male", LIST(middles_male), LIST(givens_male)},
	{"female", LIST(middles_female), LIST(givens_female)},
};

static const struct weighted religions[] = {
	{"Không", 900}, {"Phật giáo", 60}, {"Công giáo", 33},
	{"Tin Lành", 4}, {"Cao Đài", 3},
};
static const struct weighted educations[] = {
	{"Đại học", 600}, {"Thạc sĩ", 170}, {"Tiến sĩ", 20},
	{"Cao đẳng", 90}, {"Trung cấp", 120},
};
static const struct weighted theory_levels[] = {
	{"Sơ cấp", 450}, {"Trung cấp", 350}, {"Cao cấp", 140},
	{"Cử nhân", 60},
};

/* Active members: about one in twenty is on probation. */
static const struct weighted active_statuses[] = {
	{MEMBER_PROBATIONARY, 50}, {MEMBER_OFFICIAL, 950},
};

/* Former members still on a cell's books, by how they left. */
static const struct weighted former_statuses[] = {
	{MEMBER_TRANSFERRED, 50}, {MEMBER_DECEASED, 20},
	{MEMBER_REMOVED, 20}, {MEMBER_EXPELLED, 10},
};

/* Permille of former members who left while still on probation: a
 * probationary member may move away, and one found unfit is struck off
 * the list (xóa tên) rather than made official. */
static unsigned left_on_probation_permille(const char *status)
{
	if (strcmp(status, MEMBER_REMOVED) == 0)
		return 400;
	if (strcmp(status, MEMBER_TRANSFERRED) == 0)
		return 150;
	return 0;
}

/* ---- data: units, their cells and the jobs in them ---- */

enum pool {
	POOL_AGENCY,
	POOL_MASS,
	POOL_HEALTH,
	POOL_ACADEMY,
	POOL_SCHOOL,
	POOL_ENTERPRISE,
	POOL_BANK,
};

static const char *const cells_agency[] = {
	"Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính",
	"Phòng Tổng hợp", "Phòng Pháp chế", "Thanh tra", "Phòng Kế toán",
	"Phòng Hành chính - Quản trị", "Phòng Quản lý ngân sách",
	"Phòng Tin học", "Phòng Nghiệp vụ", "Phòng Kiểm tra",
	"Phòng Chính sách", "Phòng Cải cách hành chính",
	"Phòng Quản lý đầu tư", "Trung tâm Thông tin", "Phòng Thống kê",
	"Phòng Quản lý giá", "Phòng Hợp tác quốc tế",
	"Phòng Quản lý công sản",
};
static const char *const cells_mass[] = {
	"Văn phòng", "Ban Tổ chức - Kiểm tra", "Ban Tuyên giáo",
	"Ban Phong trào", "Ban Chính sách - Pháp luật",
	"Ban Kinh tế - Xã hội", "Ban Dân chủ - Pháp luật",
	"Ban Công tác thanh niên", "Ban Đối ngoại", "Trung tâm Hỗ trợ",
};
static const char *const cells_health[] = {
	"Khoa Nội tổng hợp", "Khoa Ngoại tổng hợp", "Khoa Sản", "Khoa Nhi",
	"Khoa Hồi sức tích cực - Chống độc", "Khoa Cấp cứu",
	"Khoa Xét nghiệm", "Khoa Chẩn đoán hình ảnh", "Khoa Dược",
	"Khoa Truyền nhiễm", "Khoa Tim mạch", "Khoa Ung bướu",
	"Khoa Y học cổ truyền", "Khoa Phục hồi chức năng",
	"Phòng Điều dưỡng", "Phòng Kế hoạch tổng hợp",
	"Phòng Tổ chức cán bộ", "Phòng Tài chính - Kế toán",
	"Phòng Hành chính quản trị", "Khoa Răng Hàm Mặt", "Khoa Mắt",
	"Khoa Tai Mũi Họng", "Khoa Gây mê hồi sức",
	"Khoa Kiểm soát nhiễm khuẩn",
};
static const char *const cells_academy[] = {
	"Khoa Lý luận cơ sở", "Khoa Xây dựng Đảng",
	"Khoa Nhà nước và pháp luật", "Khoa Dân vận", "Phòng Đào tạo",
	"Phòng Quản lý khoa học", "Phòng Tổ chức - Hành chính",
	"Phòng Kế hoạch - Tài chính", "Khoa Kinh tế",
	"Khoa Công nghệ thông tin", "Khoa Ngoại ngữ", "Khoa Điều dưỡng",
	"Trung tâm Thông tin - Thư viện",
	"Phòng Công tác học sinh, sinh viên",
	"Phòng Khảo thí và Đảm bảo chất lượng", "Khoa Cơ khí",
	"Khoa Điện - Điện tử",
};
static const char *const cells_school[] = {
	"Tổ Toán", "Tổ Ngữ văn", "Tổ Vật lý - Công nghệ", "Tổ Hóa - Sinh",
	"Tổ Lịch sử - Địa lý", "Tổ Ngoại ngữ", "Tổ Tin học",
	"Tổ Thể dục - Quốc phòng", "Tổ Văn phòng",
};
static const char *const cells_enterprise[] = {
	"Phòng Tổ chức - Hành chính", "Phòng Tài chính - Kế toán",
	"Phòng Kỹ thuật", "Phòng Kinh doanh", "Phòng Kế hoạch - Vật tư",
	"Phòng An toàn", "Phân xưởng Sản xuất số 1",
	"Phân xưởng Sản xuất số 2", "Phân xưởng Cơ điện", "Đội Vận hành",
	"Đội Xây lắp", "Đội Quản lý khách hàng", "Xí nghiệp Sửa chữa",
	"Phòng Điều độ", "Phòng Công nghệ thông tin", "Phòng Đầu tư",
	"Kho vận", "Phòng Thị trường", "Tổ Bảo vệ", "Phân xưởng Đóng gói",
};

static const char *const cells_bank[] = {
	"Phòng Kế hoạch - Nghiệp vụ", "Phòng Kế toán - Ngân quỹ",
	"Phòng Khách hàng doanh nghiệp", "Phòng Khách hàng cá nhân",
	"Phòng Tổng hợp", "Phòng Kiểm tra, kiểm soát nội bộ",
	"Phòng Hành chính - Nhân sự", "Phòng Quản lý rủi ro",
	"Phòng Giao dịch Trung tâm", "Phòng Giao dịch số 1",
	"Phòng Giao dịch số 2", "Phòng Giao dịch số 3",
};

static const char *const subs_agency[] = {"Khối Văn phòng",
					   "Khối các chi cục"};
static const char *const subs_mass[] = {"Khối Văn phòng"};
static const char *const subs_health[] = {"Khối Nội", "Khối Ngoại",
					  "Khối Cận lâm sàng"};
static const char *const subs_academy[] = {"Khối Giảng dạy",
					   "Khối Phục vụ"};
static const char *const subs_school[] = {"Khối Chuyên môn"};
static const char *const subs_enterprise[] = {
	"Xí nghiệp Sản xuất số 1", "Khối Kinh doanh", "Khối Sản xuất"};

static const char *const subs_bank[] = {"Khối Phòng giao dịch"};

static const struct weighted jobs_agency[] = {
	{"Chuyên viên", 400}, {"Chuyên viên chính", 200},
	{"Phó Trưởng phòng", 100}, {"Trưởng phòng", 70},
	{"Thanh tra viên", 50}, {"Kế toán", 40}, {"Văn thư", 30},
	{"Nhân viên", 60}, {"Phó Chánh Văn phòng", 20},
	{"Phó Giám đốc", 20}, {"Giám đốc", 10},
};
static const struct weighted jobs_mass[] = {
	{"Chuyên viên", 450}, {"Cán sự", 100}, {"Phó Trưởng ban", 100},
	{"Trưởng ban", 60}, {"Kế toán", 50}, {"Nhân viên", 80},
	{"Phó Chủ tịch", 30}, {"Chủ tịch", 10},
};
static const struct weighted jobs_health[] = {
	{"Bác sĩ", 300}, {"Điều dưỡng", 350}, {"Dược sĩ", 60},
	{"Kỹ thuật viên", 100}, {"Hộ sinh", 50}, {"Phó Trưởng khoa", 50},
	{"Trưởng khoa", 40}, {"Nhân viên", 50},
};
static const struct weighted jobs_academy[] = {
	{"Giảng viên", 450}, {"Giảng viên chính", 120},
	{"Chuyên viên", 150}, {"Phó Trưởng khoa", 60},
	{"Trưởng khoa", 50}, {"Nhân viên", 50},
};
static const struct weighted jobs_school[] = {
	{"Giáo viên", 700}, {"Tổ trưởng chuyên môn", 80},
	{"Phó Hiệu trưởng", 30}, {"Hiệu trưởng", 10}, {"Nhân viên", 80},
	{"Kế toán", 30},
};
static const struct weighted jobs_enterprise[] = {
	{"Công nhân", 300}, {"Kỹ sư", 180}, {"Nhân viên", 200},
	{"Kế toán", 50}, {"Tổ trưởng sản xuất", 60}, {"Chuyên viên", 60},
	{"Phó Trưởng phòng", 50}, {"Trưởng phòng", 40}, {"Lái xe", 30},
	{"Phó Giám đốc", 20}, {"Giám đốc", 10},
};

static const struct weighted jobs_bank[] = {
	{"Cán bộ tín dụng", 300}, {"Giao dịch viên", 250},
	{"Kế toán viên", 150}, {"Chuyên viên", 120},
	{"Kiểm soát viên", 50}, {"Phó Giám đốc phòng giao dịch", 40},
	{"Giám đốc phòng giao dịch", 20}, {"Phó Giám đốc", 15},
	{"Giám đốc", 5},
};

struct pool_data {
	const char *const *cells;
	int n_cells;
	const char *const *subs;
	int n_subs;
	const struct weighted *jobs;
	int n_jobs;
	bool merges; /* small offices are often grouped into a chi bộ ghép */
};

static const struct pool_data pools[] = {
	[POOL_AGENCY] = {LIST(cells_agency), LIST(subs_agency),
			 LIST(jobs_agency), true},
	[POOL_MASS] = {LIST(cells_mass), LIST(subs_mass), LIST(jobs_mass),
		       true},
	[POOL_HEALTH] = {LIST(cells_health), LIST(subs_health),
			 LIST(jobs_health), false},
	[POOL_ACADEMY] = {LIST(cells_academy), LIST(subs_academy),
			  LIST(jobs_academy), true},
	[POOL_SCHOOL] = {LIST(cells_school), LIST(subs_school),
			 LIST(jobs_school), false},
	[POOL_ENTERPRISE] = {LIST(cells_enterprise), LIST(subs_enterprise),
			     LIST(jobs_enterprise), false},
	[POOL_BANK] = {LIST(cells_bank), LIST(subs_bank), LIST(jobs_bank),
		       false},
};

/* A unit a grassroots organisation is formed in.  In templates "%s" is a
 * commune name; they name the units once a province's list runs out. */
struct unit {
	const char *name;
	enum pool pool;
};

static const struct unit units_party[] = {
	{"Văn phòng Tỉnh ủy", POOL_AGENCY},
	{"Ban Tổ chức Tỉnh ủy", POOL_AGENCY},
	{"Ban Tuyên giáo và Dân vận Tỉnh ủy", POOL_AGENCY},
	{"Ủy ban Kiểm tra Tỉnh ủy", POOL_AGENCY},
	{"Ban Nội chính Tỉnh ủy", POOL_AGENCY},
	{"Ban Chính sách, chiến lược Tỉnh ủy", POOL_AGENCY},
	{"Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh", POOL_AGENCY},
	{"Cơ quan Đảng ủy Khối", POOL_AGENCY},
};
static const struct unit units_state[] = {
	{"Văn phòng Ủy ban nhân dân tỉnh", POOL_AGENCY},
	{"Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
	 POOL_AGENCY},
	{"Sở Tài chính", POOL_AGENCY},
	{"Sở Nội vụ", POOL_AGENCY},
	{"Sở Tư pháp", POOL_AGENCY},
	{"Sở Công Thương", POOL_AGENCY},
	{"Sở Xây dựng", POOL_AGENCY},
	{"Sở Nông nghiệp và Môi trường", POOL_AGENCY},
	{"Sở Khoa học và Công nghệ", POOL_AGENCY},
	{"Sở Giáo dục và Đào tạo", POOL_AGENCY},
	{"Sở Y tế", POOL_AGENCY},
	{"Sở Văn hóa, Thể thao và Du lịch", POOL_AGENCY},
	{"Sở Ngoại vụ", POOL_AGENCY},
	{"Sở Dân tộc và Tôn giáo", POOL_AGENCY},
	{"Thanh tra tỉnh", POOL_AGENCY},
	{"Thuế tỉnh", POOL_AGENCY},
	{"Kho bạc Nhà nước khu vực", POOL_AGENCY},
	{"Thống kê tỉnh", POOL_AGENCY},
	{"Bảo hiểm xã hội tỉnh", POOL_AGENCY},
	{"Ngân hàng Nhà nước chi nhánh tỉnh", POOL_BANK},
	{"Chi cục Hải quan khu vực", POOL_AGENCY},
	{"Ban Quản lý Khu kinh tế tỉnh", POOL_AGENCY},
	{"Thi hành án dân sự tỉnh", POOL_AGENCY},
	{"Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công "
	 "nghiệp tỉnh", POOL_AGENCY},
	{"Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh",
	 POOL_AGENCY},
	{"Chi cục Kiểm lâm", POOL_AGENCY},
	{"Trung tâm Phục vụ hành chính công tỉnh", POOL_AGENCY},
	{"Chi cục Quản lý thị trường", POOL_AGENCY},
	{"Chi cục Thủy lợi", POOL_AGENCY},
};
static const struct unit units_front[] = {
	{"Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", POOL_MASS},
	{"Liên đoàn Lao động tỉnh", POOL_MASS},
	{"Hội Nông dân tỉnh", POOL_MASS},
	{"Hội Liên hiệp Phụ nữ tỉnh", POOL_MASS},
	{"Tỉnh đoàn", POOL_MASS},
	{"Hội Cựu chiến binh tỉnh", POOL_MASS},
	{"Liên minh Hợp tác xã tỉnh", POOL_MASS},
	{"Hội Chữ thập đỏ tỉnh", POOL_MASS},
	{"Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", POOL_MASS},
	{"Hội Văn học Nghệ thuật tỉnh", POOL_MASS},
};
static const struct unit units_service[] = {
	{"Bệnh viện Đa khoa tỉnh", POOL_HEALTH},
	{"Trường Chính trị tỉnh", POOL_ACADEMY},
	{"Bệnh viện Sản - Nhi tỉnh", POOL_HEALTH},
	{"Trường Cao đẳng Y tế tỉnh", POOL_ACADEMY},
	{"Báo và Phát thanh, Truyền hình tỉnh", POOL_AGENCY},
	{"Bệnh viện Y học cổ truyền tỉnh", POOL_HEALTH},
	{"Trường Cao đẳng Kỹ thuật Công nghiệp", POOL_ACADEMY},
	{"Trung tâm Kiểm soát bệnh tật tỉnh", POOL_HEALTH},
	{"Bệnh viện Phổi tỉnh", POOL_HEALTH},
	{"Trường Trung học phổ thông Chuyên Lê Quý Đôn", POOL_SCHOOL},
	{"Bệnh viện Tâm thần tỉnh", POOL_HEALTH},
	{"Trường Cao đẳng Văn hóa - Nghệ thuật và Du lịch", POOL_ACADEMY},
	{"Bệnh viện Mắt tỉnh", POOL_HEALTH},
	{"Quỹ Đầu tư phát triển tỉnh", POOL_AGENCY},
	{"Trung tâm Công nghệ thông tin và Truyền thông tỉnh", POOL_AGENCY},
	{"Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh",
	 POOL_AGENCY},
	{"Trung tâm Dịch vụ việc làm tỉnh", POOL_AGENCY},
	{"Trung tâm Khuyến nông tỉnh", POOL_AGENCY},
	{"Thư viện tỉnh", POOL_AGENCY},
	{"Bảo tàng tỉnh", POOL_AGENCY},
	{"Bệnh viện Phục hồi chức năng tỉnh", POOL_HEALTH},
};
static const struct unit units_soe[] = {
	{"Công ty Điện lực tỉnh", POOL_ENTERPRISE},
	{"Công ty TNHH MTV Xổ số kiến thiết tỉnh", POOL_ENTERPRISE},
	{"Công ty TNHH MTV Khai thác công trình thủy lợi tỉnh",
	 POOL_ENTERPRISE},
	{"Viễn thông tỉnh", POOL_ENTERPRISE},
	{"Bưu điện tỉnh", POOL_ENTERPRISE},
	{"Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh",
	 POOL_BANK},
	{"Ngân hàng Chính sách xã hội chi nhánh tỉnh", POOL_BANK},
	{"Công ty TNHH MTV Lâm nghiệp tỉnh", POOL_ENTERPRISE},
	{"Công ty Xăng dầu tỉnh", POOL_ENTERPRISE},
	{"Viettel tỉnh", POOL_ENTERPRISE},
};
static const struct unit units_equitised[] = {
	{"Công ty Cổ phần Cấp nước tỉnh", POOL_ENTERPRISE},
	{"Công ty Cổ phần Môi trường và Dịch vụ đô thị", POOL_ENTERPRISE},
	{"Công ty Cổ phần Xây dựng công trình giao thông", POOL_ENTERPRISE},
	{"Công ty Cổ phần Dược phẩm tỉnh", POOL_ENTERPRISE},
	{"Công ty Cổ phần Sách và Thiết bị trường học", POOL_ENTERPRISE},
	{"Công ty Cổ phần Xuất nhập khẩu Thủy sản", POOL_ENTERPRISE},
	{"Công ty Cổ phần Bến xe khách tỉnh", POOL_ENTERPRISE},
	{"Công ty Cổ phần Cao su", POOL_ENTERPRISE},
	{"Ngân hàng TMCP Công thương Việt Nam - Chi nhánh tỉnh",
	 POOL_BANK},
	{"Ngân hàng TMCP Đầu tư và Phát triển Việt Nam - Chi nhánh tỉnh",
	 POOL_BANK},
	{"Ngân hàng TMCP Ngoại thương Việt Nam - Chi nhánh tỉnh",
	 POOL_BANK},
	{"Công ty Cổ phần Vận tải thủy bộ", POOL_ENTERPRISE},
	{"Công ty Cổ phần Khoáng sản và Thương mại", POOL_ENTERPRISE},
};
static const struct unit units_private[] = {
	{"Công ty TNHH Thương mại Hoàng Long", POOL_ENTERPRISE},
	{"Công ty Cổ phần Tập đoàn Minh Phát", POOL_ENTERPRISE},
	{"Công ty TNHH Xây dựng Tân Phú Thịnh", POOL_ENTERPRISE},
	{"Công ty TNHH May mặc Việt Thành", POOL_ENTERPRISE},
	{"Công ty Cổ phần Nông sản An Phát", POOL_ENTERPRISE},
	{"Công ty TNHH Vận tải Thành Công", POOL_ENTERPRISE},
	{"Công ty Cổ phần Đầu tư Bất động sản Hồng Lam", POOL_ENTERPRISE},
	{"Công ty Cổ phần Thực phẩm Sao Mai", POOL_ENTERPRISE},
	{"Công ty TNHH Du lịch Biển Xanh", POOL_ENTERPRISE},
	{"Công ty Cổ phần Vật liệu xây dựng Đông Á", POOL_ENTERPRISE},
	{"Công ty TNHH Cơ khí Trường Sơn", POOL_ENTERPRISE},
};
static const struct unit units_fdi[] = {
	{"Công ty TNHH Điện tử Hanshin Vina", POOL_ENTERPRISE},
	{"Công ty TNHH May mặc Sunrise Việt Nam", POOL_ENTERPRISE},
	{"Công ty TNHH Chế biến thực phẩm Mekong Foods", POOL_ENTERPRISE},
	{"Công ty TNHH Dệt Hualong Việt Nam", POOL_ENTERPRISE},
	{"Công ty TNHH Kỹ thuật Daewon Vina", POOL_ENTERPRISE},
	{"Công ty TNHH Linh kiện ô tô Toyoda Việt Nam", POOL_ENTERPRISE},
	{"Công ty TNHH Giày Everbright Việt Nam", POOL_ENTERPRISE},
};

static const struct unit more_party[] = {
	{"Văn phòng Đảng ủy xã %s", POOL_AGENCY},
	{"Văn phòng Đảng ủy phường %s", POOL_AGENCY},
};
static const struct unit more_state[] = {
	{"Ủy ban nhân dân xã %s", POOL_AGENCY},
	{"Ủy ban nhân dân phường %s", POOL_AGENCY},
	{"Trung tâm Phục vụ hành chính công xã %s", POOL_AGENCY},
};
static const struct unit more_front[] = {
	{"Ủy ban Mặt trận Tổ quốc Việt Nam xã %s", POOL_MASS},
	{"Ủy ban Mặt trận Tổ quốc Việt Nam phường %s", POOL_MASS},
};
static const struct unit more_service[] = {
	{"Trường Trung học phổ thông %s", POOL_SCHOOL},
	{"Trường Trung học cơ sở %s", POOL_SCHOOL},
	{"Trường Tiểu học %s", POOL_SCHOOL},
	{"Trung tâm Y tế khu vực %s", POOL_HEALTH},
	{"Trạm Y tế xã %s", POOL_HEALTH},
};
static const struct unit more_soe[] = {
	{"Điện lực khu vực %s", POOL_ENTERPRISE},
	{"Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh %s",
	 POOL_BANK},
};
static const struct unit more_equitised[] = {
	{"Công ty Cổ phần Xây lắp %s", POOL_ENTERPRISE},
	{"Công ty Cổ phần Cấp thoát nước %s", POOL_ENTERPRISE},
};
static const struct unit more_private[] = {
	{"Công ty TNHH Thương mại %s", POOL_ENTERPRISE},
	{"Công ty Cổ phần Đầu tư %s", POOL_ENTERPRISE},
	{"Hợp tác xã Nông nghiệp %s", POOL_ENTERPRISE},
};
static const struct unit more_fdi[] = {
	{"Công ty TNHH Sản xuất %s Vina", POOL_ENTERPRISE},
	{"Công ty TNHH Công nghiệp %s Việt Nam", POOL_ENTERPRISE},
};

struct type_data {
	unsigned share;       /* percent of grassroots organisations */
	unsigned weight_lo;   /* size weight range (members, before */
	unsigned weight_hi;   /* scaling to the requested total) */
	unsigned female_pct;
	const struct unit *units;
	int n_units;
	const struct unit *more;
	int n_more;
};

static const struct type_data types[ORG_TYPE_COUNT] = {
	[ORG_TYPE_CO_QUAN_DANG] = {8, 15, 60, 50, LIST(units_party),
				   LIST(more_party)},
	[ORG_TYPE_CO_QUAN_NHA_NUOC] = {30, 15, 150, 48, LIST(units_state),
				       LIST(more_state)},
	[ORG_TYPE_MAT_TRAN_DOAN_THE] = {7, 8, 40, 62, LIST(units_front),
					LIST(more_front)},
	[ORG_TYPE_SU_NGHIEP] = {20, 15, 400, 60, LIST(units_service),
				LIST(more_service)},
	[ORG_TYPE_DN_NHA_NUOC] = {8, 30, 300, 35, LIST(units_soe),
				  LIST(more_soe)},
	[ORG_TYPE_DN_CO_PHAN] = {12, 10, 150, 38, LIST(units_equitised),
				 LIST(more_equitised)},
	[ORG_TYPE_DN_NGOAI_NHA_NUOC] = {10, 5, 40, 42, LIST(units_private),
					LIST(more_private)},
	[ORG_TYPE_DN_FDI] = {5, 5, 30, 55, LIST(units_fdi), LIST(more_fdi)},
};

/* ---- the walk ---- */

enum phase { PHASE_WEIGHTS, PHASE_ORGS, PHASE_MEMBERS };

struct gen {
	const struct demo_sink *sink;
	struct date today;
	enum phase phase;
	long long members;
	long long grassroots;
	uint64_t weight_sum;     /* from PHASE_WEIGHTS */
	struct split member_split;
	long long next_id;
	long long grassroots_seen;
	long long active_seq;    /* active members so far */
	long long former_seq;    /* former members so far */
};

/* One organisation being emitted; its strings live as long as the node,
 * which is on the stack while its children are walked. */
struct node {
	struct org o;
	char code[CODE_MAX];
	char path[PATH_MAX_LEN];
	char name[NAME_MAX_LEN];
};

/* What a cell's members inherit from their grassroots organisation. */
struct cell_ctx {
	const struct node *cell;
	const struct type_data *type;
	const struct pool_data *pool;
	int province;
};

static int digits_for(long long n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d < 2 ? 2 : d;
}

/* Gives n the next id and derives code and path from the parent; codes
 * are "PARENT.PREFIXnn" with the number zero-padded to the sibling count.
 * The generator's tree is at most five levels deep, so the buffers always
 * fit; the asserts guard changes to that shape. */
static void node_place(struct gen *g, struct node *n, const struct node *parent,
		       const char *kind, const char *prefix, long long number,
		       long long siblings)
{
	int code_len, path_len;
	memset(&n->o, 0, sizeof n->o);
	n->o.id = g->next_id++;
	n->o.kind = kind;
	n->o.version = 1;
	if (!parent) {
		code_len = snprintf(n->code, sizeof n->code, "%s", prefix);
		path_len = snprintf(n->path, sizeof n->path, "/%lld/", n->o.id);
	} else {
		n->o.parent_id = parent->o.id;
		n->o.depth = parent->o.depth + 1;
		code_len = snprintf(n->code, sizeof n->code, "%s.%s%0*lld",
				    parent->code, prefix, digits_for(siblings),
				    number);
		path_len = snprintf(n->path, sizeof n->path, "%s%lld/",
				    parent->path, n->o.id);
	}
	assert(code_len > 0 && (size_t)code_len < sizeof n->code);
	assert(path_len > 0 && (size_t)path_len < sizeof n->path);
	(void)code_len;
	(void)path_len;
	n->o.code = n->code;
	n->o.path = n->path;
	n->o.name = n->name;
}

static int emit_org(struct gen *g, const struct node *n,
		    const char *const *covers)
{
	if (g->phase != PHASE_ORGS || !g->sink->org)
		return 0;
	return g->sink->org(g->sink->ctx, &n->o, covers);
}

static struct date add_days(struct date d, long n)
{
	return date_from_days(date_to_days(d) + n);
}

static struct date add_years(struct date d, int n)
{
	return date_add_months(d, 12 * n);
}

static struct date earlier(struct date a, struct date b)
{
	return date_cmp(a, b) < 0 ? a : b;
}

/* A founding date between `from` and a year before today. */
static struct date founded_between(struct rng *r, struct date from,
				   struct date today)
{
	long lo = date_to_days(from);
	long hi = date_to_days(today) - 365;
	if (hi <= lo)
		return from;
	return date_from_days(lo + (long)rng_below(r, (unsigned)(hi - lo)));
}

/* ---- members ---- */

struct member_text {
	char full_name[TEXT_MAX];
	char middle[TEXT_MAX / 2];
	char hometown[TEXT_MAX];
	char residence[TEXT_MAX];
	char card[9];
};

static void make_name(struct rng *r, const struct sex_names *sx,
		      const struct ethnicity *eth, struct member *m,
		      struct member_text *t)
{
	m->surname = pick(r, eth->surnames, eth->n_surnames);
	const char *mid = pick(r, sx->middles, sx->n_middles);
	snprintf(t->middle, sizeof t->middle, "%s", mid);
	if (rng_permille(r, 80)) {
		const char *second = pick(r, sx->middles + 1, sx->n_middles - 1);
		if (strcmp(second, mid) != 0)
			snprintf(t->middle, sizeof t->middle, "%s %s", mid,
				 second);
	}
	/* "Nguyễn Thị Thu Thu" does not happen: the given name differs. */
	const char *given;
	do
		given = sx->givens[rng_below(r, (unsigned)sx->n_givens)];
	while (strstr(t->middle, given));
	m->middle_name = t->middle;
	m->given_name = given;
	snprintf(t->full_name, sizeof t->full_name, "%s %s %s", m->surname,
		 t->middle, given);
	m->full_name = t->full_name;
}

static const struct ethnicity *pick_ethnicity(struct rng *r)
{
	unsigned x = rng_below(r, 1000);
	for (int i = 0; i < COUNT(ethnicities) - 1; i++) {
		if (x < ethnicities[i].permille)
			return &ethnicities[i];
		x -= ethnicities[i].permille;
	}
	return &ethnicities[COUNT(ethnicities) - 1];
}

static void make_address(struct rng *r, int province, char *out, size_t n)
{
	snprintf(out, n, "%s %s, %s", rng_below(r, 2) ? "Xã" : "Phường",
		 ANY(r, communes), provinces[province].name);
}

static int other_province(struct rng *r, int home, unsigned stay_permille)
{
	return rng_permille(r, stay_permille)
		       ? home
		       : (int)rng_below(r, COUNT(provinces));
}

/* Admitted within the last year and not yet official: aged 23-38. */
static void make_probationary_dates(struct rng *r, struct date today,
				    struct member *m)
{
	int age = (int)rng_skewed(r, 23, 16);
	m->birth_date = add_days(add_years(today, -age), -(long)rng_below(r, 365));
	m->admitted_on = add_days(today, -10 - (long)rng_below(r, 330));
}

/* Aged 23-62, admitted at 18-45 and over a year and two months ago, so
 * official_on (the anniversary, sometimes a few weeks later because
 * the cell met late) is never after today. */
static void make_official_dates(struct rng *r, struct date today,
				struct member *m)
{
	int age = 23 + (int)(rng_below(r, 40) + rng_below(r, 40)) / 2;
	m->birth_date = add_days(add_years(today, -age), -(long)rng_below(r, 365));
	int max_join = age - 2 < 45 ? age - 2 : 45;
	int join_age = (int)rng_skewed(r, 18, (unsigned)(max_join - 18 + 1));
	/* The day after a birthday, so 29/02 births are of age too. */
	m->admitted_on = add_days(add_years(m->birth_date, join_age),
				  1 + (long)rng_below(r, 300));
	struct date due = add_years(m->admitted_on, 1);
	m->official_on = rng_permille(r, 850)
				 ? due
				 : add_days(due, 1 + (long)rng_below(r, 60));
}

/* Distinct card numbers for distinct sequence numbers below 10^8 that do
 * not look sequential: affine maps modulo 10^8 with a unit factor and a
 * swap of the two four-digit halves are all bijections. */
static void card_number(long long seq, char out[9])
{
	uint64_t v = ((uint64_t)seq * 73939133u + 12345677u) % 100000000u;
	v = v % 10000u * 10000u + v / 10000u;
	v = (v * 19260817u + 4021u) % 100000000u;
	snprintf(out, 9, "%08llu", (unsigned long long)v);
}

/* An active member (probationary or official) or, if !active, a former
 * one.  Card numbers come from one sequence: active members take 0 ..
 * members - 1, former ones the numbers after them, so all cards differ;
 * a former member past 10^8 (only near MEMBERS_MAX) gets none. */
static void make_member(struct gen *g, struct rng *r, const struct cell_ctx *c,
			bool active, struct member *m, struct member_text *t)
{
	memset(m, 0, sizeof *m);
	const struct sex_names *sx =
		&sexes[rng_below(r, 100) < c->type->female_pct];
	const struct ethnicity *eth = pick_ethnicity(r);
	m->org_id = c->cell->o.id;
	m->org_code = c->cell->code;
	m->sex = sx->code;
	m->ethnicity = eth->name;
	make_name(r, sx, eth, m, t);
	bool probationary;
	long long card_seq;
	if (active) {
		m->status = PICK(r, active_statuses);
		probationary = strcmp(m->status, MEMBER_PROBATIONARY) == 0;
		card_seq = g->active_seq++;
	} else {
		m->status = PICK(r, former_statuses);
		unsigned p = left_on_probation_permille(m->status);
		probationary = rng_permille(r, p);
		card_seq = g->members + g->former_seq++;
	}
	if (probationary) {
		make_probationary_dates(r, g->today, m);
	} else {
		make_official_dates(r, g->today, m);
		if (card_seq < CARD_NUMBERS) {
			card_number(card_seq, t->card);
			m->card_no = t->card;
		}
	}
	m->religion = PICK(r, religions);
	m->education = PICK(r, educations);
	m->theory_level = probationary ? "Sơ cấp" : PICK(r, theory_levels);
	m->position = pick(r, c->pool->jobs, c->pool->n_jobs);
	make_address(r, other_province(r, c->province, 700), t->hometown,
		     sizeof t->hometown);
	make_address(r, other_province(r, c->province, 950), t->residence,
		     sizeof t->residence);
	m->hometown = t->hometown;
	m->residence = t->residence;
	/* Long-standing members may be exempted (Charter art. 7). */
	m->exempt = active && !probationary &&
		    date_years_between(m->admitted_on, g->today) >= 30 &&
		    rng_permille(r, 200);
	m->version = 1;
}

static int emit_member(struct gen *g, struct rng *r, const struct cell_ctx *c,
		       bool active)
{
	struct member m;
	struct member_text t;
	make_member(g, r, c, active, &m, &t);
	return g->sink->member ? g->sink->member(g->sink->ctx, &m) : 0;
}

/* The cell's `count` active members, with a former member before about
 * one in a hundred of them. */
static int emit_members(struct gen *g, const struct cell_ctx *c,
			long long count)
{
	if (g->phase != PHASE_MEMBERS)
		return 0;
	struct rng r = rng_for(SEED_MEMBER, c->cell->o.id);
	for (long long i = 0; i < count; i++) {
		int rc = 0;
		if (rng_permille(&r, FORMER_PERMILLE))
			rc = emit_member(g, &r, c, false);
		if (!rc)
			rc = emit_member(g, &r, c, true);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- cells of a grassroots committee ---- */

/* Hands out the unit names of a pool to successive cells, starting at a
 * random unit so that sister organisations do not all look alike. */
struct namer {
	const struct pool_data *pool;
	int start;
	int used;
	int number;
};

static struct namer namer_start(struct rng *r, const struct pool_data *pool)
{
	struct namer nm = {pool, (int)rng_below(r, (unsigned)pool->n_cells), 0,
			   0};
	return nm;
}

static const char *namer_unit(const struct namer *nm, int i)
{
	return nm->pool->cells[(nm->start + nm->used + i) % nm->pool->n_cells];
}

/* Names the next cell; a chi bộ ghép takes two or three units ("Chi bộ
 * A, B và C") and lists them in covers (NULL-terminated), otherwise
 * covers[0] is NULL.  Past the pool, cells are numbered. */
static void namer_cell(struct namer *nm, struct rng *r, char *name, size_t n,
		       const char *covers[4])
{
	int left = nm->pool->n_cells - nm->used;
	int take = 1;
	if (nm->pool->merges && left >= 3 && rng_permille(r, 50))
		take = 2 + (int)rng_below(r, 2);
	nm->number++;
	covers[0] = NULL;
	if (left < 1) {
		snprintf(name, n, "Chi bộ số %d", nm->number);
		return;
	}
	int len = snprintf(name, n, "Chi bộ %s", namer_unit(nm, 0));
	for (int i = 1; i < take && len > 0 && (size_t)len < n; i++)
		len += snprintf(name + len, n - (size_t)len, "%s%s",
				i == take - 1 ? " và " : ", ", namer_unit(nm, i));
	for (int i = 0; take > 1 && i < take; i++)
		covers[i] = namer_unit(nm, i);
	covers[take > 1 ? take : 0] = NULL;
	nm->used += take;
}

static uint64_t cell_weight(uint64_t seed, int j)
{
	return 1 + mix64(seed + (uint64_t)j) % 4;
}

/* Cell j's members: each cell gets at least CELL_MIN_MEMBERS. */
struct cell_plan {
	struct split split;
	uint64_t seed;
	int cells;
	int under_sub; /* the first under_sub cells belong to a subcommittee */
};

static int walk_cells(struct gen *g, struct rng *r, struct cell_plan *p,
		      struct namer *nm, const struct node *parent, int from,
		      int to, const struct cell_ctx *c)
{
	struct cell_ctx cc = *c;
	for (int j = from; j < to; j++) {
		struct node cell;
		const char *covers[4];
		node_place(g, &cell, parent, KIND_CELL, "CB", j - from + 1,
			   to - from);
		namer_cell(nm, r, cell.name, sizeof cell.name, covers);
		cell.o.founded_on = founded_between(r, parent->o.founded_on,
						    g->today);
		long long count = split_next(&p->split, cell_weight(p->seed, j));
		int rc = emit_org(g, &cell, covers[0] ? covers : NULL);
		cc.cell = &cell;
		if (!rc)
			rc = emit_members(g, &cc, count);
		if (rc)
			return rc;
	}
	return 0;
}

static void plan_cells(struct rng *r, long long members, struct cell_plan *p)
{
	long long per_cell = 10 + rng_below(r, 16);
	long long cells = members / per_cell;
	p->cells = (int)(cells < 3 ? 3 : cells);
	p->under_sub = 0;
	if (members >= SUBCOMMITTEE_MIN_MEMBERS && p->cells >= 8 &&
	    rng_permille(r, 400))
		p->under_sub = 3 + (int)rng_below(r, 3);
	p->seed = rng_next(r);
	uint64_t total = 0;
	for (int j = 0; j < p->cells; j++)
		total += cell_weight(p->seed, j);
	split_init(&p->split, members, p->cells, CELL_MIN_MEMBERS, total);
}

static int walk_committee(struct gen *g, struct rng *r, const struct node *gr,
			  long long members, const struct cell_ctx *c)
{
	struct cell_plan p;
	plan_cells(r, members, &p);
	struct namer nm = namer_start(r, c->pool);
	if (p.under_sub) {
		struct node sub;
		node_place(g, &sub, gr, KIND_SUBCOMMITTEE, "BP", 1, 1);
		snprintf(sub.name, sizeof sub.name, "Đảng bộ bộ phận %s",
			 c->pool->subs[rng_below(r, (unsigned)c->pool->n_subs)]);
		sub.o.founded_on = founded_between(r, gr->o.founded_on, g->today);
		int rc = emit_org(g, &sub, NULL);
		if (!rc)
			rc = walk_cells(g, r, &p, &nm, &sub, 0, p.under_sub, c);
		if (rc)
			return rc;
	}
	return walk_cells(g, r, &p, &nm, gr, p.under_sub, p.cells, c);
}

/* ---- grassroots organisations ---- */

/* The unit's name; past the fixed list, a template with a commune name,
 * spread so that neighbours in one province rarely share a name. */
static const struct unit *unit_name(const struct type_data *t, long long k,
				    char *out, size_t n)
{
	if (k < t->n_units) {
		snprintf(out, n, "%s", t->units[k].name);
		return &t->units[k];
	}
	k -= t->n_units;
	const struct unit *u = &t->more[k % t->n_more];
	const char *place = communes[(k / t->n_more * 7) % COUNT(communes)];
	snprintf(out, n, u->name, place);
	return u;
}

static uint64_t grassroots_weight(struct rng *r, const struct type_data *t)
{
	unsigned span = t->weight_hi - t->weight_lo;
	unsigned u = rng_below(r, 1024);
	return t->weight_lo + (uint64_t)span * u * u / (1024 * 1024);
}

struct slot {
	int type;
	int province;
	long long number;   /* 1-based among the parent's grassroots orgs */
	long long siblings;
	long long in_type;  /* 0-based among the parent's orgs of this type */
};

static int walk_grassroots(struct gen *g, const struct node *parent,
			   const struct slot *s)
{
	const struct type_data *t = &types[s->type];
	struct rng r = rng_for(SEED_ORG, g->grassroots_seen++);
	uint64_t w = grassroots_weight(&r, t);
	if (g->phase == PHASE_WEIGHTS) {
		g->weight_sum += w;
		return 0;
	}
	long long members = split_next(&g->member_split, w);
	bool committee = members >= GRASSROOTS_COMMITTEE_MIN;
	struct node gr;
	char unit[NAME_MAX_LEN - 16];
	node_place(g, &gr, parent, committee ? KIND_GRASSROOTS
					     : KIND_GRASSROOTS_CELL,
		   "D", s->number, s->siblings);
	const struct unit *u = unit_name(t, s->in_type, unit, sizeof unit);
	snprintf(gr.name, sizeof gr.name, "%s %s",
		 committee ? "Đảng bộ" : "Chi bộ", unit);
	gr.o.type = org_type_at(s->type)->code;
	gr.o.founded_on = founded_between(&r, add_years(g->today, -45),
					  g->today);
	struct cell_ctx c = {&gr, t, &pools[u->pool], s->province};
	int rc = emit_org(g, &gr, NULL);
	if (rc)
		return rc;
	return committee ? walk_committee(g, &r, &gr, members, &c)
			 : emit_members(g, &c, members);
}

/* The parent's grassroots organisations, grouped by type in the shares of
 * the type table; every type appears once there are enough of them. */
static int walk_grassroots_of(struct gen *g, const struct node *parent,
			      long long count, int province)
{
	struct split by_type;
	split_init(&by_type, count, ORG_TYPE_COUNT, 1, 100);
	struct slot s = {0, province, 0, count, 0};
	for (s.type = 0; s.type < ORG_TYPE_COUNT; s.type++) {
		long long n = split_next(&by_type, types[s.type].share);
		for (s.in_type = 0; s.in_type < n; s.in_type++) {
			s.number++;
			int rc = walk_grassroots(g, parent, &s);
			if (rc)
				return rc;
		}
	}
	return 0;
}

static int walk_provinces(struct gen *g, const struct node *root)
{
	unsigned total = 0;
	for (int p = 0; p < COUNT(provinces); p++)
		total += provinces[p].weight;
	struct split by_province;
	split_init(&by_province, g->grassroots, COUNT(provinces), 1, total);
	/* The provinces of 2025 were set up on 01/7/2025. */
	struct date set_up = earlier((struct date){2025, 7, 1}, g->today);
	for (int p = 0; p < COUNT(provinces); p++) {
		struct node prov;
		node_place(g, &prov, root, KIND_UPPER, "P", p + 1,
			   COUNT(provinces));
		snprintf(prov.name, sizeof prov.name, "Đảng bộ %s",
			 provinces[p].name);
		prov.o.founded_on = set_up;
		long long n = split_next(&by_province, provinces[p].weight);
		int rc = emit_org(g, &prov, NULL);
		if (!rc)
			rc = walk_grassroots_of(g, &prov, n, p);
		if (rc)
			return rc;
	}
	return 0;
}

static bool national(const struct gen *g)
{
	return g->members > PROVINCE_THRESHOLD;
}

static int walk_tree(struct gen *g)
{
	struct node root;
	g->next_id = 1;
	g->grassroots_seen = 0;
	g->active_seq = 0;
	g->former_seq = 0;
	if (national(g)) {
		/* "central" is the org_kind row above the provinces. */
		node_place(g, &root, NULL, "central", "TW", 0, 0);
		snprintf(root.name, sizeof root.name, "Đảng Cộng sản Việt Nam");
		root.o.founded_on = earlier((struct date){1930, 2, 3}, g->today);
	} else {
		node_place(g, &root, NULL, KIND_UPPER, "DUK", 0, 0);
		snprintf(root.name, sizeof root.name,
			 "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh");
		root.o.founded_on = add_years(g->today, -35);
	}
	int rc = emit_org(g, &root, NULL);
	if (rc)
		return rc;
	return national(g) ? walk_provinces(g, &root)
			   : walk_grassroots_of(g, &root, g->grassroots,
						BLOC_PROVINCE);
}

/* Seed 000: 7.595 members in 94 organisations, about 80 each; nationally
 * about 5.5-6 million in about 55.000, about 109 each.  In between the
 * ratio grows linearly. */
static long long grassroots_count(long long members)
{
	long long per = 80;
	if (members > 100000)
		per += 29 * (members - 100000) / 5900000;
	if (per > 109)
		per = 109;
	long long n = members / per;
	return n < 1 ? 1 : n;
}

int demo_generate(long long members, struct date today,
		  const struct demo_sink *sink)
{
	/* Members are up to 62 years old; older dates would predate 1900. */
	if (members < 0 || members > MEMBERS_MAX || !date_valid(today) ||
	    today.y < 1965 || !sink)
		return -1;
	struct gen g = {.sink = sink, .today = today, .members = members};
	g.grassroots = grassroots_count(members);
	static const enum phase phases[] = {PHASE_WEIGHTS, PHASE_ORGS,
					    PHASE_MEMBERS};
	for (int i = 0; i < COUNT(phases); i++) {
		g.phase = phases[i];
		split_init(&g.member_split, members, g.grassroots,
			   GRASSROOTS_MIN_MEMBERS, g.weight_sum);
		int rc = walk_tree(&g);
		if (rc)
			return rc;
	}
	return 0;
}

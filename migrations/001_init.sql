-- 001_init: organisation tree, members, accounts, sessions, audit.
--
-- Shared by SQLite and PostgreSQL.  The runner replaces {id} with the
-- backend's auto-increment primary key and {blob} with its byte-string
-- type; everything else is SQL both accept.  Dates are ISO text
-- (YYYY-MM-DD), timestamps ISO UTC text, so they compare as strings.

CREATE TABLE schema_migrations (
	version INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	applied_at TEXT NOT NULL
);

-- Kinds and grassroots types are data: regulations add and rename them.
CREATE TABLE org_kind (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	sort INTEGER NOT NULL
);
INSERT INTO org_kind (code, name, sort) VALUES
	('central', 'Trung ương', 0),
	('upper', 'Đảng bộ cấp trên cơ sở', 1),
	('grassroots', 'Đảng bộ cơ sở', 2),
	('gcell', 'Chi bộ cơ sở', 3),
	('subcommittee', 'Đảng bộ bộ phận', 4),
	('cell', 'Chi bộ trực thuộc', 5);

CREATE TABLE org_type (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	sort INTEGER NOT NULL
);

-- The tree: path is the materialised list of ids from the root ("/1/23/"),
-- so a subtree is one index range: path >= '/1/23/' AND path < '/1/230'.
CREATE TABLE org (
	id {id},
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	kind TEXT NOT NULL REFERENCES org_kind(code),
	type TEXT REFERENCES org_type(code),
	parent_id INTEGER REFERENCES org(id),
	path TEXT NOT NULL UNIQUE,
	depth INTEGER NOT NULL,
	founded_on TEXT,
	dissolved_on TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX org_parent ON org (parent_id);

-- The units a merged cell (chi bộ ghép) spans.
CREATE TABLE org_cover (
	org_id INTEGER NOT NULL REFERENCES org(id),
	pos INTEGER NOT NULL,
	unit_name TEXT NOT NULL,
	PRIMARY KEY (org_id, pos)
);

CREATE TABLE member (
	id {id},
	org_id INTEGER NOT NULL REFERENCES org(id),
	full_name TEXT NOT NULL,
	surname TEXT NOT NULL,
	middle_name TEXT NOT NULL,
	given_name TEXT NOT NULL,
	name_key {blob} NOT NULL,  -- ICU "vi" key: given, middle, surname
	search TEXT NOT NULL,      -- ' nguyen van an 01234567 ' for word-prefix LIKE
	sex TEXT NOT NULL CHECK (sex IN ('male', 'female')),
	birth_date TEXT NOT NULL,
	ethnicity TEXT,
	religion TEXT,
	hometown TEXT,
	residence TEXT,
	education TEXT,
	theory_level TEXT,
	position TEXT,
	card_no TEXT UNIQUE,
	admitted_on TEXT NOT NULL,
	official_on TEXT,
	status TEXT NOT NULL CHECK (status IN ('probationary', 'official',
		'transferred', 'deceased', 'removed', 'expelled')),
	exempt INTEGER NOT NULL DEFAULT 0,
	version INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX member_name ON member (name_key, id);
CREATE INDEX member_org_name ON member (org_id, name_key, id);

CREATE TABLE account (
	id {id},
	username TEXT NOT NULL UNIQUE,
	password_hash TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'secretary',
		'inspector', 'member')),
	org_id INTEGER NOT NULL REFERENCES org(id),
	member_id INTEGER REFERENCES member(id),
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL
);

-- Sessions live in the database so several servers can share one.
-- Only hashes of secrets are stored.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id),
	csrf TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX session_expires ON session (expires_at);

CREATE TABLE api_token (
	id {id},
	account_id INTEGER NOT NULL REFERENCES account(id),
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);

CREATE TABLE login_failure (
	id {id},
	username TEXT NOT NULL,
	address TEXT NOT NULL,
	at TEXT NOT NULL
);
CREATE INDEX login_failure_user ON login_failure (username, at);
CREATE INDEX login_failure_addr ON login_failure (address, at);

-- Append-only (triggers per backend refuse UPDATE and DELETE).  org_path
-- is the path of the org owning the object, so scope is one range test.
CREATE TABLE audit (
	id {id},
	at TEXT NOT NULL,
	account_id INTEGER,
	username TEXT NOT NULL,
	action TEXT NOT NULL,
	object_type TEXT NOT NULL,
	object_id INTEGER,
	org_path TEXT NOT NULL,
	before TEXT,
	after TEXT
);
CREATE INDEX audit_object ON audit (object_type, object_id, id);
CREATE INDEX audit_path ON audit (org_path, id);

-- The whole schema, applied at start with CREATE ... IF NOT EXISTS.
-- Times are ISO-8601 text with their offset, as written by clock.now().isoformat().

CREATE TABLE IF NOT EXISTS personas (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    identifiant TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    department TEXT NOT NULL,
    civility TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    birth_date TEXT,
    email TEXT,
    phone TEXT
);

-- Failed logins per identifiant typed (upper case), whether an account has it or not
-- (lockout.py): an unknown identifiant locks like a real one. Rows are forgotten an hour after
-- their last failure; the index serves that purge, run at every attempt.
CREATE TABLE IF NOT EXISTS login_failures (
    identifiant TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_failure TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_age ON login_failures (julianday(last_failure));

-- The last successful login of each persona: the trainer's desk tells « jamais connecté » from a
-- learner who logged in and out. What a person did, so a reset empties it.
CREATE TABLE IF NOT EXISTS logins (
    persona_id INTEGER PRIMARY KEY REFERENCES personas (id) ON DELETE CASCADE,
    last_login_at TEXT NOT NULL
);

-- The cookie holds a random token; only its SHA-256 is stored here.
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    persona_id INTEGER REFERENCES personas (id) ON DELETE CASCADE,
    data TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
-- The purge of idle sessions, run at every session creation, compares instants: last_seen
-- carries +01:00 or +02:00. Without this index each creation scanned the whole table.
CREATE INDEX IF NOT EXISTS sessions_idle ON sessions (julianday(last_seen));

-- Declarations: one per persona and period; every validation is kept as a version.
CREATE TABLE IF NOT EXISTS declarations (
    id INTEGER PRIMARY KEY,
    persona_id INTEGER NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    answers TEXT NOT NULL,
    version INTEGER NOT NULL,
    first_validated_at TEXT NOT NULL,
    validated_at TEXT NOT NULL,
    modifiable_until TEXT NOT NULL,
    UNIQUE (persona_id, period)
);

-- ``submission`` is the id of the draft that was confirmed: the same form sent twice (double
-- click, resubmission, back button) cannot record a second version.
CREATE TABLE IF NOT EXISTS declaration_versions (
    id INTEGER PRIMARY KEY,
    declaration_id INTEGER NOT NULL REFERENCES declarations (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    submission TEXT NOT NULL UNIQUE,
    answers TEXT NOT NULL,
    validated_at TEXT NOT NULL,
    UNIQUE (declaration_id, version)
);

-- Outbox
-- Every e-mail and SMS the portal "sends"; nothing leaves the machine. recipient_key is the
-- recipient without spaces, lower case, so that a phone number matches however it is typed.
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient TEXT NOT NULL,
    recipient_key TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_recipient ON outbox (recipient_key);

-- One-time codes of « J'ai oublié mon mot de passe ». Only a hash of the code is
-- kept; issuing a new code ends the older ones by moving their expires_at to that instant.
CREATE TABLE IF NOT EXISTS reset_codes (
    id INTEGER PRIMARY KEY,
    persona_id INTEGER NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS reset_codes_by_persona ON reset_codes (persona_id, created_at);

-- Every wrong code typed, per account, for the cap across codes (reset_codes.py); rows older
-- than the hour it looks at are deleted as new ones come.
CREATE TABLE IF NOT EXISTS reset_code_failures (
    id INTEGER PRIMARY KEY,
    persona_id INTEGER NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    failed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reset_code_failures_by_persona ON reset_code_failures (persona_id);

-- Every identifiant sent by « J'ai oublié mon identifiant », per account, for its cap of 5 per
-- rolling hour (identifiant_messages.py); rows older than that hour are deleted as new ones come.
CREATE TABLE IF NOT EXISTS identifiant_messages (
    id INTEGER PRIMARY KEY,
    persona_id INTEGER NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS identifiant_messages_by_persona ON identifiant_messages (persona_id);

-- Documents
-- « Envoyer un document »: the file itself is on disk under stored_name (random); file_name is
-- the user's name for it, only ever displayed. submission is the hidden token of the form that
-- sent it, so that a double click stores the document once.
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    persona_id INTEGER NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL,
    subject TEXT NOT NULL,
    situation TEXT NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    stored_name TEXT NOT NULL UNIQUE,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    submission TEXT NOT NULL,
    UNIQUE (persona_id, submission)
);
CREATE INDEX IF NOT EXISTS documents_by_persona ON documents (persona_id, sent_at);

-- Classroom mode
-- A learner is a persona (row in personas) the trainer created with `mock-portal classe N`;
-- seat is their number in the class. The card's password and its hash are kept so that a class
-- reset gives every learner the account printed on their card again. outbox_token is the secret
-- part of the address of their own messages page, /outbox/<token>.
CREATE TABLE IF NOT EXISTS learners (
    seat INTEGER PRIMARY KEY CHECK (seat BETWEEN 1 AND 30),
    persona_id INTEGER NOT NULL UNIQUE REFERENCES personas (id) ON DELETE CASCADE,
    card_password TEXT NOT NULL,
    card_hash TEXT NOT NULL,
    outbox_token TEXT NOT NULL UNIQUE
);

-- The trainer's desk (issue 13)
-- The trainer code `serve` prints at every start: kept in clear for that reason (a sandbox's
-- code, not a person's secret), drawn once per database, kept by a class reset.
CREATE TABLE IF NOT EXISTS trainer (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL
);
-- Wrong trainer codes in a row, and the lockout they caused (the portal login's rule).
CREATE TABLE IF NOT EXISTS trainer_failures (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);
-- The instant the desk chose (NULL: real time), and when, on the real clock (epoch seconds):
-- every worker process applies it when it sees a new token (shared_clock.py).
CREATE TABLE IF NOT EXISTS sandbox_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    token TEXT NOT NULL,
    instant TEXT,
    chosen_at REAL NOT NULL
);

-- « Mes coordonnées » (issue 13)
-- Codes confirming a new e-mail or mobile: the shape and rules of reset_codes (reset_codes.py),
-- in a table of their own so that a password reset code never confirms a new address.
CREATE TABLE IF NOT EXISTS contact_codes (
    id INTEGER PRIMARY KEY,
    persona_id INTEGER NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS contact_codes_by_persona ON contact_codes (persona_id, created_at);
-- Wrong contact codes, for the cap across codes (as reset_code_failures).
CREATE TABLE IF NOT EXISTS contact_code_failures (
    id INTEGER PRIMARY KEY,
    persona_id INTEGER NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    failed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS contact_code_failures_by_persona ON contact_code_failures (persona_id);
-- A change waits here until its code is typed; only then does personas change. old_value is
-- what was on record, told of the change and kept so that a learner's messages page still
-- shows what was sent there.
CREATE TABLE IF NOT EXISTS contact_changes (
    id INTEGER PRIMARY KEY,
    persona_id INTEGER NOT NULL REFERENCES personas (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    new_value TEXT NOT NULL,
    old_value TEXT,
    created_at TEXT NOT NULL,
    confirmed_at TEXT
);

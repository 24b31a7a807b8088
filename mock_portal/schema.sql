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
    phone TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);

-- The cookie holds a random token; only its SHA-256 is stored here.
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    persona_id INTEGER REFERENCES personas (id) ON DELETE CASCADE,
    data TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    last_seen TEXT NOT NULL
);

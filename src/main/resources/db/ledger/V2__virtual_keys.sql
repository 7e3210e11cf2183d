-- Virtual keys: issued to teams, stored as the SHA-256 of the secret (never the secret). Portable SQL.
CREATE TABLE virtual_keys (
    id           VARCHAR(32) PRIMARY KEY,
    name         VARCHAR(128) NOT NULL,
    team         VARCHAR(128),
    tier         VARCHAR(32),
    allowed      VARCHAR(2048),             -- comma-separated models or routes; empty = any
    rpm          INTEGER NOT NULL,
    tpm          INTEGER NOT NULL,
    daily_usd    DOUBLE PRECISION NOT NULL,
    monthly_usd  DOUBLE PRECISION NOT NULL,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT,
    secret_hash  VARCHAR(64) NOT NULL UNIQUE
);

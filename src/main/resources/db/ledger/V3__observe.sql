-- Observe-first: what a request's routing would have done when it was only observed, the shadow
-- policies' decisions, shadow tests (the same request answered by another model, compared), and
-- feedback. Portable SQL (SQLite and PostgreSQL).
ALTER TABLE requests ADD COLUMN mode VARCHAR(16);
ALTER TABLE requests ADD COLUMN would_model VARCHAR(256);
ALTER TABLE requests ADD COLUMN projected_cost_usd DOUBLE PRECISION;
ALTER TABLE virtual_keys ADD COLUMN mode VARCHAR(16);

CREATE TABLE shadow_decisions (
    request_id          VARCHAR(64) NOT NULL,
    ts                  BIGINT NOT NULL,
    policy              VARCHAR(256) NOT NULL,
    policy_version      VARCHAR(64),
    model               VARCHAR(256),
    diverges            SMALLINT NOT NULL,
    projected_cost_usd  DOUBLE PRECISION,
    actual_cost_usd     DOUBLE PRECISION
);
CREATE INDEX shadow_decisions_ts ON shadow_decisions (ts);

CREATE TABLE shadow_tests (
    request_id      VARCHAR(64) NOT NULL,
    ts              BIGINT NOT NULL,
    route           VARCHAR(256),
    task            VARCHAR(64),
    served_model    VARCHAR(256) NOT NULL,
    other_model     VARCHAR(256) NOT NULL,
    evaluator       VARCHAR(32) NOT NULL,
    score           DOUBLE PRECISION NOT NULL,   -- 0..1: how good the served answer is judged against the other
    other_cost_usd  DOUBLE PRECISION NOT NULL
);
CREATE INDEX shadow_tests_ts ON shadow_tests (ts);

CREATE TABLE feedback (
    request_id  VARCHAR(64) NOT NULL,
    ts          BIGINT NOT NULL,
    score       DOUBLE PRECISION NOT NULL,       -- -1 (bad) .. 1 (good)
    source      VARCHAR(32) NOT NULL,            -- explicit | regenerate | repeat
    comment     VARCHAR(2000)
);
CREATE INDEX feedback_request ON feedback (request_id);

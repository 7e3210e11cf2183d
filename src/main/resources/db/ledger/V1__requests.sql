-- One row per request Gearbox answered or refused: who, how it was routed, what it cost, and what
-- the baseline model would have cost. Portable SQL: the same script runs on SQLite and PostgreSQL.
CREATE TABLE requests (
    request_id          VARCHAR(64) PRIMARY KEY,
    ts                  BIGINT NOT NULL,          -- epoch milliseconds when the request arrived
    key_id              VARCHAR(64),
    team                VARCHAR(128),
    tag                 VARCHAR(256),             -- feature tag
    caller_tier         VARCHAR(32),
    ingress             VARCHAR(32),
    requested_model     VARCHAR(256),
    stream              SMALLINT NOT NULL,
    served_model        VARCHAR(256),
    provider            VARCHAR(128),
    route               VARCHAR(256),             -- the deciding policy (and delegate)
    policy_version      VARCHAR(64),
    reason              VARCHAR(1024),
    status              INTEGER NOT NULL,
    error_class         VARCHAR(64),
    input_tokens        BIGINT NOT NULL,
    cached_input_tokens BIGINT NOT NULL,
    output_tokens       BIGINT NOT NULL,
    reasoning_tokens    BIGINT NOT NULL,
    cost_usd            DOUBLE PRECISION NOT NULL,
    baseline_cost_usd   DOUBLE PRECISION,         -- null when no baseline model is configured
    latency_ms          BIGINT NOT NULL,
    ttft_ms             BIGINT NOT NULL,
    attempts            INTEGER NOT NULL,
    fallback            SMALLINT NOT NULL,        -- served by other than the first attempt
    escalated           SMALLINT NOT NULL,        -- a cascade moved up
    detail              TEXT NOT NULL             -- JSON: signals, decision (candidates, rejections), every attempt
);
CREATE INDEX requests_ts ON requests (ts);
CREATE INDEX requests_key_ts ON requests (key_id, ts);
CREATE INDEX requests_model_ts ON requests (served_model, ts);
CREATE INDEX requests_route_ts ON requests (route, ts);

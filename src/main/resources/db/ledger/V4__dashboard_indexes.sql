-- Indexes the dashboard's queries (and `gearbox report`) need on a large ledger; docs/dashboard.md
-- has the timings at 10 million rows. Portable SQL (SQLite and PostgreSQL).
--
-- Every aggregate the dashboard shows reads a time window of small columns; with only an index on ts,
-- each row of the window is fetched from the table (about 900 bytes with its detail document). This
-- index holds those columns after ts, so a window is read from the index alone (about a tenth of the
-- bytes); it replaces requests_ts, whose lookups it serves too.
CREATE INDEX requests_ts_cover ON requests (ts, served_model, route, status, cost_usd, baseline_cost_usd, fallback, escalated,
    input_tokens, output_tokens, latency_ms, stream, ttft_ms, mode, would_model, projected_cost_usd, key_id, team);
DROP INDEX requests_ts;
-- the observation window (WHERE mode = 'observe' AND ts >= ?), read from the index alone too
CREATE INDEX requests_mode_ts ON requests (mode, ts, would_model, cost_usd, projected_cost_usd);
CREATE INDEX shadow_tests_model_ts ON shadow_tests (served_model, ts);

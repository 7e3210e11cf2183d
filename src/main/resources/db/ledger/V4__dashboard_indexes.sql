-- Indexes the dashboard's queries (and `gearbox report`) need to stay fast on a large ledger
-- (docs/dashboard.md has the timings at 10 million rows). Portable SQL (SQLite and PostgreSQL).
CREATE INDEX requests_mode_ts ON requests (mode, ts);          -- observation: WHERE mode = 'observe' AND ts >= ?
CREATE INDEX requests_team_ts ON requests (team, ts);          -- keys page: spend per team today / this month
CREATE INDEX shadow_tests_model_ts ON shadow_tests (served_model, ts);

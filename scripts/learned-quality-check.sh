#!/usr/bin/env bash
# CI's quick quality check of the learned router: scores it on the GSM8K routeset in the
# personalised setting (5-fold, <= 1,500 training prompts per fold, seed 0: deterministic) and
# fails when its APGR is more than 0.02 below the figure recorded in docs/learned-quality.json.
# Reads ../shared/data/routing; says so and passes when that data is absent (it is never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data/routing/routellm-gsm8k.jsonl
if [ ! -f "$DATA" ]; then
  echo "learned-quality-check: SKIPPED: $DATA is absent (the shared routing data is not on this machine)"
  exit 0
fi
. scripts/jdk.sh
gearbox_find_jdk >/dev/null
OUT=target/learned-quality
./gearbox eval --data "$DATA" --policy learned-personal --out "$OUT" >"$OUT.log" 2>&1 || { cat "$OUT.log"; exit 1; }
python3 - "$OUT/summary.json" docs/learned-quality.json <<'PY'
import json, sys
got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))["routellm-gsm8k/learned-personal"]
apgr = got["metrics"]["apgr"]
print(f"learned-quality-check: routellm-gsm8k learned-personal APGR {apgr:.4f} (recorded {want:.4f}, allowed drop 0.02)")
sys.exit(0 if apgr >= want - 0.02 else 1)
PY

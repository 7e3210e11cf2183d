#!/usr/bin/env bash
# Runs every built-in policy of `./gearbox eval` on every routeset in ../shared/data/routing and
# prints the Markdown tables docs/routing-quality.md quotes. Each cell comes from one command:
#   ./gearbox eval --data ../shared/data/routing/SET.jsonl --policy POLICY --out OUT/SET/POLICY
#
#   scripts/routing-quality.sh [OUT_DIR] [POLICY ...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${GEARBOX_ROUTING_DATA:-$ROOT/../shared/data/routing}"
OUT="${1:-$ROOT/target/routing-quality}"; shift || true
if [ ! -d "$DATA" ]; then
  echo "routing-quality: no routing data at $DATA (the shared evaluation data is absent); nothing measured" >&2
  exit 0
fi
POLICIES=("$@")
[ ${#POLICIES[@]} -eq 0 ] && POLICIES=(random length heuristic cost-aware semantic semantic-knn judge cascade optimal cheapest best-single)
mkdir -p "$OUT"
for f in "$DATA"/*.jsonl; do
  set_name="$(basename "$f" .jsonl)"
  for p in "${POLICIES[@]}"; do
    dir="$OUT/$set_name/$p"
    [ -f "$dir/summary.json" ] && continue
    if ! "$ROOT/gearbox" eval --data "$f" --policy "$p" --out "$dir" >"$OUT/$set_name.$p.log" 2>&1; then
      mkdir -p "$dir"; echo "{\"skipped\": \"$(tail -1 "$OUT/$set_name.$p.log" | tr -d '"\\')\"}" >"$dir/summary.json"
    fi
  done
done
echo "wrote $OUT" >&2

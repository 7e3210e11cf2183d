#!/usr/bin/env bash
# Reproduces the router shipped in the jar (src/main/resources/routers/default.router.json), the one
# `type: learned` uses when it names no router file. Trained only on data it may be trained on: the
# train split of LLMRouter's dcrouter set (MIT), arena-hard-auto's judged answers (Apache-2.0) and
# AlpacaEval's (Apache-2.0); never on the RouteLLM benchmarks, which are kept for evaluation.
set -euo pipefail
cd "$(dirname "$0")/.."
D=../shared/data/routing
for f in llmrouter-dcrouter arena-bench-v1 alpaca-eval; do
  [ -f "$D/$f.jsonl" ] || { echo "train-default-router: $D/$f.jsonl is absent" >&2; exit 2; }
done
./gearbox train --strong-weak --data "$D/llmrouter-dcrouter.jsonl" "$D/arena-bench-v1.jsonl" "$D/alpaca-eval.jsonl" \
  --out src/main/resources/routers/default.router.json --seed 0 --max-examples 4000

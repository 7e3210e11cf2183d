# The Gearbox config every benchmark runs (bench/run.sh, bench/profile.sh): sourced, not run.
#   bench_gearbox_yaml PORT MOCK_PORT [LEDGER_PATH]   prints it
# model "auto" is decided by a rules policy and applied (observe.mode: route; with a real provider
# the default is observe mode, where requests are served as asked), OpenAI provider, ledger on.
# The provider key comes from BENCH_UPSTREAM_KEY: a key written into the YAML is refused.
bench_gearbox_yaml() {
  cat <<YAML
server: {host: 127.0.0.1, port: $1}
providers:
  - {name: mock, kind: openai, base_url: "http://127.0.0.1:$2/v1", api_key_env: BENCH_UPSTREAM_KEY}
deployments:
  - {model: gpt-4o-mini, provider: mock}
  - {model: gpt-4o, provider: mock}
observe: {mode: route}
routing:
  default: auto-rules
  baseline: gpt-4o
  policies:
    - name: auto-rules
      type: rules
      rules:
        - {name: code, when: {has_code: true}, model: gpt-4o}
      default: {model: gpt-4o-mini, fallbacks: [gpt-4o]}
YAML
  if [ -n "${3:-}" ]; then echo "ledger: {path: $3}"; fi
}

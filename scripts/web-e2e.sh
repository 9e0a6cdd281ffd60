#!/usr/bin/env bash
# Runs the web client's browser tests against a local stack started for the run, then stops it.
# The stack's console goes to web/test-results/local-stack.log.
set -euo pipefail
cd "$(dirname "$0")/.."

url="${LOCAL_STACK_URL:-http://127.0.0.1:8080}"
log=web/test-results/local-stack.log
mkdir -p "$(dirname "$log")"

# setsid: the stack and its children form one process group, stopped together below.
# The domain guard and the agent's busy / never-answer numbers are the ones the browser tests expect;
# a short ring time lets them see a call end unanswered.
setsid scripts/local-stack.sh --allowed-email-domain example.com --call-timeout-seconds 8 \
  --agent-behaviours "+12065550486=busy,+12065550480=never-answer" > "$log" 2>&1 < /dev/null &
stack=$!
stop_stack() {
  # TERM, not INT: a script's background job ignores SIGINT, and the JVM keeps it ignored.
  kill -TERM -- -"$stack" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$stack" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- -"$stack" 2>/dev/null || true
}
trap stop_stack EXIT

echo "Waiting for the local stack at $url ..."
for _ in $(seq 1 300); do
  if curl -fsS -o /dev/null "$url/config.json" 2>/dev/null; then break; fi
  if ! kill -0 "$stack" 2>/dev/null; then
    echo "The local stack exited before it was ready:" >&2; tail -n 40 "$log" >&2; exit 1
  fi
  sleep 0.5
done
curl -fsS -o /dev/null "$url/config.json" || { echo "The local stack did not start in time:" >&2; tail -n 40 "$log" >&2; exit 1; }

(cd web && LOCAL_STACK_URL="$url" npm run test:e2e)

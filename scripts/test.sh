#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: the Java modules (unit, Quarkus and end-to-end
# tests against the local stack and a real SIP peer), then the web client (lint, types, unit tests,
# build) and its browser tests against a running local stack.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh

scripts/install-test-deps.sh
echo "Java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) ($JAVA_HOME)"

# The tests start the user-pool emulator (cognito-local) and the call ledger's DynamoDB (dynalite)
# from these directories.
for dir in local-stack/cognito local-stack/dynalite; do
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
done

./mvnw -B -ntp verify

(cd web && npm ci --no-audit --no-fund && npm run lint && npm run check-types && npm test && npm run build)
scripts/web-e2e.sh

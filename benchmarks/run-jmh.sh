#!/usr/bin/env bash
# Per-event cost of the SMA handler: JSON bytes in, JSON bytes out, on a warm JVM (JMH).
# Builds the shaded benchmarks jar, then runs it; extra arguments go to JMH, for example
#   benchmarks/run-jmh.sh -p event=sma-hangup-leg-b -f 1
# Results: benchmarks/target/jmh-result.json. About two minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

./mvnw -B -q -pl benchmarks -am -Pbenchmarks package -DskipTests
# ledger=dynalite signs its requests to the loopback DynamoDB: fake credentials, never AWS's.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
"$java_bin" -jar benchmarks/target/benchmarks.jar SmaEventBenchmark \
    -rf json -rff benchmarks/target/jmh-result.json "$@"

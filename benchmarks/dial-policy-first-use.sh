#!/usr/bin/env bash
# The dial policy's first-use cost in a fresh JVM (what a cold start pays) and its warm per-number cost:
# call-model's numbering-plan table against libphonenumber. Prints the medians over forks / iterations.
#   benchmarks/dial-policy-first-use.sh            first use (15 forks each) and per number
#   benchmarks/dial-policy-first-use.sh -f 5       extra arguments go to both JMH runs
# Results: benchmarks/target/dial-policy-*.json. About four minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

./mvnw -B -q -ntp -pl benchmarks -am -Pbenchmarks package -DskipTests
"$java_bin" -jar benchmarks/target/benchmarks.jar 'DialPolicyBenchmark.FirstUse' \
    -rf json -rff benchmarks/target/dial-policy-first-use.json "$@"
"$java_bin" -jar benchmarks/target/benchmarks.jar 'DialPolicyBenchmark\.(table|libphonenumber)$' \
    -rf json -rff benchmarks/target/dial-policy-per-number.json "$@"

python3 - <<'PY'
import json, statistics
def rows(path):
    for r in json.load(open(path)):
        raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
        yield r, raw
print("first use in a fresh JVM (median over forks):")
for r, raw in rows("benchmarks/target/dial-policy-first-use.json"):
    print(f'  {r["benchmark"].rsplit(".", 1)[1]:15} {statistics.median(raw):10.0f} {r["primaryMetric"]["scoreUnit"]}'
          f'  (min {min(raw):.0f}, max {max(raw):.0f}, n={len(raw)})')
print("per number, warm (median over iterations):")
for r, raw in rows("benchmarks/target/dial-policy-per-number.json"):
    print(f'  {r["benchmark"].rsplit(".", 1)[1]:15} {r["params"]["number"]}  {statistics.median(raw):8.1f} {r["primaryMetric"]["scoreUnit"]}')
PY

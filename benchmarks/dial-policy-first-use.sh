#!/usr/bin/env bash
# The dial policy's first-use cost in a fresh JVM (what a cold start pays) and its warm per-number cost:
# call-model's numbering-plan table against libphonenumber. Prints the medians.
#   1. bare JVM: DialPolicyFirstUse started RUNS times per way (default 11), C1 only as on Lambda;
#   2. JMH single-shot (DialPolicyBenchmark.FirstUse, 15 forks): the same after JMH's harness loaded;
#   3. JMH average time per number on a warm JVM.
#   benchmarks/dial-policy-first-use.sh            all three
#   RUNS=21 benchmarks/dial-policy-first-use.sh -f 5   extra arguments go to both JMH runs
# Results: benchmarks/target/dial-policy-*.json. About four minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

./mvnw -B -q -ntp -pl benchmarks -am -Pbenchmarks package -DskipTests
for _ in $(seq "${RUNS:-11}"); do
    for way in table libphonenumber; do
        "$java_bin" -XX:TieredStopAtLevel=1 -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
            -cp benchmarks/target/benchmarks.jar \
            com.clicktocall.benchmarks.DialPolicyFirstUse "$way"
    done
done > benchmarks/target/dial-policy-first-use-bare.txt
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
bare = {}
for line in open("benchmarks/target/dial-policy-first-use-bare.txt"):
    way, micros = line.split()
    bare.setdefault(way, []).append(int(micros))
print("first use in a bare JVM (median over runs):")
for way, values in bare.items():
    print(f'  {way:15} {statistics.median(values):10.0f} us/op  (min {min(values)}, max {max(values)}, n={len(values)})')
print("first use in a fresh JMH fork (median over forks):")
for r, raw in rows("benchmarks/target/dial-policy-first-use.json"):
    print(f'  {r["benchmark"].rsplit(".", 1)[1]:15} {statistics.median(raw):10.0f} {r["primaryMetric"]["scoreUnit"]}'
          f'  (min {min(raw):.0f}, max {max(raw):.0f}, n={len(raw)})')
print("per number, warm (median over iterations):")
for r, raw in rows("benchmarks/target/dial-policy-per-number.json"):
    print(f'  {r["benchmark"].rsplit(".", 1)[1]:15} {r["params"]["number"]}  {statistics.median(raw):8.1f} {r["primaryMetric"]["scoreUnit"]}')
PY

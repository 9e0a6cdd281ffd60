#!/usr/bin/env bash
# Cold start of the packaged SMA handler, as Lambda's Java runtime runs it: sma-handler/target/function.zip
# unzipped, launched through AWS's runtime interface client against a local Runtime API
# (LocalRuntimeApi) that hands out sample events and times the answers.
#
#   benchmarks/cold-start.sh            # RUNS=5 per variant and scenario; results in benchmarks/target/cold-start/
#   RUNS=9 VARIANTS="jvm aot-c1" benchmarks/cold-start.sh
#   SKIP_BUILD=1 benchmarks/cold-start.sh
#   JVM_FLAGS='-Xlog:class+load:file=/tmp/cl-%p.log:uptime' RUNS=1 VARIANTS=c1-prebuilt benchmarks/cold-start.sh
#
# Variants: jvm (plain), c1 (-XX:TieredStopAtLevel=1), appcds (dynamic AppCDS archive),
# aot (JDK 25 AOT cache), aot-c1, and c1-prebuilt (c1 in a container initialised ahead of calls, where the
# handler builds its clients and primes every event type during initialisation; not in the default set),
# and jvm-prebuilt (the same with the JVM's default tiered compilation: what Lambda's java25 runtime runs
# under SnapStart and provisioned concurrency). Archives and caches come from one training run of the "call" scenario.
# Scenarios: call (NEW_OUTBOUND_CALL, CALL_ANSWERED, HANGUP LEG-B, HANGUP LEG-A), hangup-first (a fresh
# container whose first event is a HANGUP: boot plus the first DeleteMeeting, the worst case), and
# second-call (the call's four events, then a second call's four in the same container: the warm figures).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
runs=${RUNS:-5}
variants=${VARIANTS:-"jvm c1 appcds aot aot-c1"}
out="$root/benchmarks/target/cold-start"
events="$root/events"

java_release=$("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }')
if (( java_release < 25 )); then
    echo "cold-start.sh needs JDK 25 (AOT cache flags); $java_bin is $java_release. Set JAVA_HOME." >&2
    exit 2
fi

if [[ -z "${SKIP_BUILD:-}" ]]; then
    ./mvnw -B -q -pl benchmarks -am -Pbenchmarks package -DskipTests
fi

rm -rf "$out" && mkdir -p "$out/function" "$out/app"
(cd "$out/function" && unzip -q "$root/sma-handler/target/function.zip")
# Class archives and AOT caches accept jars only, not a directory of classes: the function's own
# classes (the root of function.zip) go into one jar; lib/ stays as packaged. Every variant uses this layout.
(cd "$out/function" && "$jar_bin" cf "$out/app/function.jar" --exclude lib -C . . 2>/dev/null \
    || "$jar_bin" cf "$out/app/function.jar" $(ls | grep -v '^lib$'))
classpath="$out/app/function.jar:$out/function/lib/*:$root/benchmarks/target/ric/*"

# The call ledger's DynamoDB (dynalite on loopback, the template's table) for every run: the handler
# writes ringing and ended to it as it does in a deployment. It stops when this script ends.
coproc LEDGER { AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 \
    "$java_bin" -cp "$root/benchmarks/target/benchmarks.jar" com.clicktocall.benchmarks.coldstart.LedgerServer; }
read -r ledger_line <&"${LEDGER[0]}"
export CLICKTOCALL_LEDGER_ENDPOINT=$(sed -n 's/.*endpoint=\([^ ]*\).*/\1/p' <<< "$ledger_line")
export CLICKTOCALL_LEDGER_TABLE=$(sed -n 's/.*table=\([^ ]*\).*/\1/p' <<< "$ledger_line")
sample_call=$(sed -n 's/.* call=\([^ ]*\).*/\1/p' <<< "$ledger_line")
second_call=$(sed -n 's/.*second_call=\([^ ]*\).*/\1/p' <<< "$ledger_line")

export CLICKTOCALL_SMA_PHONE_NUMBER=+12065550100
export CLICKTOCALL_MEETING_CONTROL_REGION=us-east-1
export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_LAMBDA_FUNCTION_NAME=sma-handler AWS_LAMBDA_FUNCTION_MEMORY_SIZE=1024 AWS_LAMBDA_FUNCTION_VERSION='$LATEST'
export _HANDLER=io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest
unset JAVA_TOOL_OPTIONS
# Serial GC as on Lambda. The two module flags only silence JDK 24+ warnings: the runtime interface
# client loads its JNI library, and jboss-threads resets thread locals on its way out.
jvm_base=(-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED)
# JVM_FLAGS: extra flags for every run, e.g. JVM_FLAGS='-Xlog:class+load:file=/tmp/cl.log:uptime'.
read -r -a extra_flags <<< "${JVM_FLAGS:-}"
jvm_base+=("${extra_flags[@]}")

call_events=("$events/sma-new-outbound-call-pstn.json" "$events/sma-call-answered.json"
             "$events/sma-hangup-leg-b.json" "$events/sma-hangup-leg-a.json")
hangup_events=("$events/sma-hangup-leg-b.json" "$events/sma-hangup-leg-a.json")
# The same call's events with the second call's id: a container's second call, every class loaded and
# every connection open: the warm figures, from the same run as the first call's.
mkdir -p "$out/second-call"
second_call_events=("${call_events[@]}")
for event in "${call_events[@]}"; do
    sed "s/$sample_call/$second_call/g" "$event" > "$out/second-call/$(basename "$event")"
    second_call_events+=("$out/second-call/$(basename "$event")")
done

# One cold start: prints LocalRuntimeApi's line plus Quarkus's own boot time.
invoke() {
    local log=$1; shift
    local -n scenario_events=$1; shift
    local line seeded
    # The sample call back to dialling, its caller in the meeting: every run's CALL_ANSWERED bridges.
    echo >&"${LEDGER[1]}" && read -r seeded <&"${LEDGER[0]}"
    line=$("$java_bin" -cp "$root/benchmarks/target/classes" com.clicktocall.benchmarks.coldstart.LocalRuntimeApi \
        --log "$log" "${scenario_events[@]}" -- \
        "$java_bin" "${jvm_base[@]}" "$@" -cp "$classpath" \
        com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$_HANDLER") || true
    local boot
    boot=$(grep -o 'started in [0-9.]*s' "$log" | grep -o '[0-9.]*' | head -1 || true)
    echo "$line quarkus_boot_ms=$(awk -v s="${boot:-0}" 'BEGIN { printf "%.0f", s * 1000 }')"
}

flags_for() {
    case $1 in
        jvm) echo "" ;;
        c1) echo "-XX:TieredStopAtLevel=1" ;;
        appcds) echo "-XX:SharedArchiveFile=$out/app.jsa" ;;
        aot) echo "-XX:AOTCache=$out/app.aot" ;;
        aot-c1) echo "-XX:AOTCache=$out/app.aot -XX:TieredStopAtLevel=1" ;;
        c1-prebuilt) echo "-XX:TieredStopAtLevel=1" ;;
        jvm-prebuilt) echo "" ;;
        *) echo "unknown variant $1" >&2; exit 2 ;;
    esac
}

if [[ " $variants " == *" appcds "* ]]; then
    echo "training: AppCDS archive" >&2
    invoke "$out/train-appcds.log" call_events -XX:ArchiveClassesAtExit="$out/app.jsa" >/dev/null
fi
if [[ " $variants " == *" aot"* ]]; then
    echo "training: AOT cache" >&2
    invoke "$out/train-aot.log" call_events -XX:AOTCacheOutput="$out/app.aot" >/dev/null
fi

results="$out/results.txt"
: > "$results"
for variant in $variants; do
    read -r -a flags <<< "$(flags_for "$variant")"
    for scenario in call hangup-first second-call; do
        case $scenario in
            call) list=call_events ;;
            hangup-first) list=hangup_events ;;
            second-call) list=second_call_events ;;
        esac
        for ((run = 1; run <= runs; run++)); do
            if [[ $variant == *-prebuilt ]]; then
                line=$(export AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency
                       invoke "$out/$variant-$scenario-$run.log" $list "${flags[@]}")
            else
                line=$(invoke "$out/$variant-$scenario-$run.log" $list "${flags[@]}")
            fi
            echo "variant=$variant scenario=$scenario run=$run $line" | tee -a "$results" >&2
        done
    done
done

echo "teardown cost in a fresh JVM (client build / first DeleteMeeting / warm DeleteMeeting):" >&2
for variant in $(echo "$variants" | tr ' ' '\n' | grep -x -E 'jvm|c1' || true); do
    read -r -a flags <<< "$(flags_for "$variant")"
    for ((run = 1; run <= runs; run++)); do
        line=$("$java_bin" "${jvm_base[@]}" "${flags[@]}" -cp "$classpath:$root/benchmarks/target/classes" \
            com.clicktocall.benchmarks.coldstart.TeardownColdCost)
        echo "variant=$variant scenario=teardown run=$run $line" | tee -a "$results" >&2
    done
done

echo "ledger cost in a fresh JVM (DynamoDB client build / first write / warm write):" >&2
for variant in $(echo "$variants" | tr ' ' '\n' | grep -x -E 'jvm|c1' || true); do
    read -r -a flags <<< "$(flags_for "$variant")"
    for ((run = 1; run <= runs; run++)); do
        line=$("$java_bin" "${jvm_base[@]}" "${flags[@]}" -cp "$classpath:$root/benchmarks/target/classes" \
            com.clicktocall.benchmarks.coldstart.LedgerColdCost)
        echo "variant=$variant scenario=ledger run=$run $line" | tee -a "$results" >&2
    done
done

# Medians per variant and scenario.
awk '
function median(key,   n, i, j, t, a) {
    n = split(values[key], a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n == 0 ? "NA" : (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2)
}
{
    group = ""; delete f
    for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    group = f["variant"] " " f["scenario"]
    if (!(group in seen)) { seen[group] = 1; order[++groups] = group }
    if (f["scenario"] == "teardown") {
        values[group SUBSEP "client_build_ms"] = values[group SUBSEP "client_build_ms"] " " f["client_build_ms"]
        values[group SUBSEP "first_delete_ms"] = values[group SUBSEP "first_delete_ms"] " " f["first_delete_ms"]
        values[group SUBSEP "warm_delete_ms"] = values[group SUBSEP "warm_delete_ms"] " " f["warm_delete_ms"]
        next
    }
    if (f["scenario"] == "ledger") {
        values[group SUBSEP "client_build_ms"] = values[group SUBSEP "client_build_ms"] " " f["client_build_ms"]
        values[group SUBSEP "first_write_ms"] = values[group SUBSEP "first_write_ms"] " " f["first_write_ms"]
        values[group SUBSEP "warm_write_ms"] = values[group SUBSEP "warm_write_ms"] " " f["warm_write_ms"]
        next
    }
    n = split(f["event_ms"], e, ",")
    values[group SUBSEP "init_ms"] = values[group SUBSEP "init_ms"] " " f["init_ms"]
    values[group SUBSEP "first_answer_ms"] = values[group SUBSEP "first_answer_ms"] " " f["first_answer_ms"]
    values[group SUBSEP "quarkus_boot_ms"] = values[group SUBSEP "quarkus_boot_ms"] " " f["quarkus_boot_ms"]
    for (i = 1; i <= n; i++) values[group SUBSEP "event" i "_ms"] = values[group SUBSEP "event" i "_ms"] " " e[i]
    events[group] = n
    if (f["ok"] != "true") failed[group]++
}
END {
    printf "%-12s %-13s %9s %9s %12s  %s\n", "variant", "scenario", "init_ms", "boot_ms", "1st_answer", "per-event ms (medians)"
    for (g = 1; g <= groups; g++) {
        group = order[g]; split(group, p, " ")
        if (p[2] == "teardown") {
            printf "%-12s %-13s client build %s, first DeleteMeeting %s, warm DeleteMeeting %s\n", p[1], p[2],
                median(group SUBSEP "client_build_ms"), median(group SUBSEP "first_delete_ms"), median(group SUBSEP "warm_delete_ms")
            continue
        }
        if (p[2] == "ledger") {
            printf "%-12s %-13s DynamoDB client build %s, first write %s, warm write %s\n", p[1], p[2],
                median(group SUBSEP "client_build_ms"), median(group SUBSEP "first_write_ms"), median(group SUBSEP "warm_write_ms")
            continue
        }
        per = ""
        for (i = 1; i <= events[group]; i++) per = per (i > 1 ? " / " : "") median(group SUBSEP "event" i "_ms")
        printf "%-12s %-13s %9s %9s %12s  %s%s\n", p[1], p[2], median(group SUBSEP "init_ms"), median(group SUBSEP "quarkus_boot_ms"),
            median(group SUBSEP "first_answer_ms"), per, (group in failed ? "  (" failed[group] " runs failed)" : "")
    }
}' "$results" | tee "$out/summary.txt"
echo "runs per row: $runs; load average during the runs: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.txt"

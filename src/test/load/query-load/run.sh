#!/usr/bin/env bash
# Query latency under load, as measured for the README: one path counts a large backlog of
# generated lines on a local broker while wrk (Debian's package) asks its query API. Records
# counted are sampled at each phase's edges, so the cost of the queries to counting shows too.
#
#   mvn -B -q package -DskipTests && src/test/load/query-load/run.sh shared 40000000 12
#   src/test/load/query-load/run.sh streams 5000000 12
#
# Results go to target/query-load/<path>/: marks.txt and one wrk-*.txt per phase.
# Only 127.0.0.1 is ever asked; every phase is bounded by its duration.
set -u
path=$1; lines=$2; secs=$3
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../../.." && pwd)
jar=$top/target/tally.jar
out=$top/target/query-load/$path
mkdir -p "$out" && rm -f "$out"/*
export WORDS=$out/words.txt
api=http://127.0.0.1:18090

java -jar "$jar" broker --port 19092 > "$out/broker.log" 2>&1 &
broker=$!
service=
# Whatever happens, leave no broker or service running.
trap 'kill -TERM $service $broker 2>/dev/null; wait' EXIT
for _ in $(seq 1 60); do grep -q "Broker started" "$out/broker.log" && break; sleep 0.5; done
java -jar "$jar" produce -b 127.0.0.1:19092 --generate "$lines" --vocabulary 50000 \
    > "$out/produce.log" 2>&1
java -jar "$jar" "$path" -b 127.0.0.1:19092 --http-port 18090 \
    > "$out/service.out" 2> "$out/service.err" &
service=$!
for _ in $(seq 1 240); do
    n=$(curl -s "$api/top?n=500" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' \
        2>/dev/null || echo 0)
    [ "$n" = 500 ] && break
    sleep 0.5
done
curl -s "$api/top?n=500" | python3 -c 'import json,sys,urllib.parse
for row in json.load(sys.stdin): print(urllib.parse.quote(row["word"]))' > "$WORDS"

mark() {
    local m
    m=$(curl -s "$api/metrics")
    echo "$1 $(date +%s.%N)" \
        "records=$(echo "$m" | grep -E '^tally_records_in_total' | awk '{print $2}')" \
        "lag=$(echo "$m" | grep -E '^tally_consumer_lag_records' | awk '{print $2}')" \
        >> "$out/marks.txt"
}
mark quiet-start; sleep "$secs"; mark quiet-end
wrk -t1 -c4 -d"${secs}s" --latency -s "$here/counts.lua" "$api" > "$out/wrk-counts-c4.txt"
mark counts-c4-end
wrk -t1 -c4 -d"${secs}s" --latency "$api/top?n=10" > "$out/wrk-top-c4.txt"
mark top-c4-end
wrk -t1 -c1 -d"${secs}s" --latency -s "$here/counts.lua" "$api" > "$out/wrk-counts-c1.txt"
mark counts-c1-end
wrk -t1 -c1 -d"${secs}s" --latency "$api/top?n=10" > "$out/wrk-top-c1.txt"
mark top-c1-end


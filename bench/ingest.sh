#!/usr/bin/env bash
# Ingest benchmark: the whole staged news corpus into a fresh database, end to end (reading,
# decompression, extraction, storage, search index), then figures: articles/s, MB/s of
# uncompressed input, peak RSS, database size, and the stored count checked against the
# corpus README (31,525 records, minus exact duplicates).
#
# Usage: bench/ingest.sh [CORPUS.jsonl.xz] [EXPECTED_RECORDS]
#   MARSAD_SHARED  shared data directory (default: ../shared next to the repository root)
#   JOBS           analysis threads (default: all cores)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${MARSAD_SHARED:-$root/../shared}"
[ -d "$shared" ] || shared="$root/../../shared"  # a git worktree one level further down
corpus="${1:-$shared/data/news_ant_multisource/ant_multisource_v2.1.jsonl.xz}"
expected="${2:-31525}"
if [ ! -f "$corpus" ]; then
    echo "skip: $corpus not found (set MARSAD_SHARED)" >&2
    exit 0
fi
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

cargo build --release -q --bin marsad --manifest-path "$root/Cargo.toml"
bin="$root/target/release/marsad"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/bench.db"
jobs_arg=()
[ -n "${JOBS:-}" ] && jobs_arg=(--jobs "$JOBS")

raw_bytes=$(xz -dc "$corpus" | wc -c)
records=$(xz -dc "$corpus" | grep -c .)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s.%N)
/usr/bin/time -v -o "$work/time.txt" "$bin" ingest --quiet --db "$db" "${jobs_arg[@]}" "$corpus" > "$work/summary.txt" || true
end=$(date +%s.%N)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$work/summary.txt"

secs=$(echo "$end - $start" | bc -l)
read_n=$(sed -n 's/^read \([0-9]*\) .*/\1/p' "$work/summary.txt")
stored=$(sed -n 's/.* stored \([0-9]*\) .*/\1/p' "$work/summary.txt")
dups=$(sed -n 's/.* duplicates \([0-9]*\) .*/\1/p' "$work/summary.txt")
failed=$(sed -n 's/.* failed \([0-9]*\)$/\1/p' "$work/summary.txt")
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
user_s=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
sys_s=$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")
db_bytes=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))

echo "machine:          $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "corpus:           $corpus ($records records, $raw_bytes bytes uncompressed)"
echo "load average:     $load_before before the run, $load_after after (other processes share the cores)"
printf 'wall time:        %.1f s\n' "$secs"
printf 'CPU time:         %.1f s user + %.1f s sys\n' "$user_s" "$sys_s"
printf 'articles/s:       %.0f\n' "$(echo "$read_n / $secs" | bc -l)"
printf 'MB/s:             %.1f (uncompressed input)\n' "$(echo "$raw_bytes / 1000000 / $secs" | bc -l)"
printf 'peak RSS:         %.0f MB\n' "$(echo "$rss_kb / 1024" | bc -l)"
printf 'database:         %.0f MB\n' "$(echo "$db_bytes / 1000000" | bc -l)"
echo "read/stored/dup:  $read_n / $stored / $dups (failed $failed)"
if [ "$records" != "$expected" ]; then
    echo "FAIL: the corpus has $records records, its README says $expected" >&2
    exit 1
fi
if [ "$((stored + dups + failed))" != "$expected" ]; then
    echo "FAIL: stored $stored + duplicates $dups + failed $failed != $expected records" >&2
    exit 1
fi
echo "OK: stored $stored = $expected records - $dups exact duplicates - $failed failed"

#!/usr/bin/env bash
# Every figure of BENCHMARKS.md's target table, in one command:
#
#   benches/all.sh [ARTICLES] [RUNS]        # defaults: 10000 articles, 3 runs
#
# - digest against Hugo on the plain-Markdown corpus, digest plain and full-featured
#   (benches/compare-hugo.sh: alternated, medians);
# - the mixed raw corpus against the plain one (search and edition off), and peak memory;
# - ARTICLES × 5 against ARTICLES (mixed, alternated);
# - save-to-served latency of one edited article (examples/serve-latency.rs), with search
#   and the edition off and on;
# - cold build of the example site, into an empty directory and over its previous output.
#
# Needs hugo and hyperfine (apt-get install hugo hyperfine). Takes ~15 minutes at 10,000 on
# two cores. Timings vary ±20 % on a noisy machine: compare ratios from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${1:-10000}"
runs="${2:-3}"
for tool in hugo hyperfine; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install $tool)" >&2; exit 1; }
done
cargo build --release --quiet --examples --bins
digest="$PWD/target/release/digest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1; cat "$work/time"; }
# A corpus with search and the Traditional edition switched off.
plain_config() { { echo "search = false"; grep -v '^search = ' "$1/site.toml" | sed 's/^enabled = true/enabled = false/'; } > "$1/site.new" && mv "$1/site.new" "$1/site.toml"; }

echo "== digest and Hugo, plain Markdown, $articles articles, $runs runs"
benches/compare-hugo.sh "$articles" "$runs"

echo
echo "== mixed raw corpus against plain Markdown (search and edition off)"
gen() { cargo run --release --quiet --example gen-corpus -- "$@" >/dev/null; }
gen "$articles" "$work/plain" --markdown-only
gen "$articles" "$work/mixed"
gen "$((articles * 5))" "$work/mixed5"
cp -r "$work/mixed" "$work/full"
for dir in plain mixed mixed5; do plain_config "$work/$dir"; done
: > "$work/plain.txt"; : > "$work/mixed.txt"; : > "$work/mixed5.txt"; : > "$work/full.txt"
for run in $(seq 1 "$runs"); do
  measure "$digest" build --root "$work/plain" >> "$work/plain.txt"
  measure "$digest" build --root "$work/mixed" >> "$work/mixed.txt"
  measure "$digest" build --root "$work/mixed5" >> "$work/mixed5.txt"
  measure "$digest" build --root "$work/full" >> "$work/full.txt"
done
for name in plain mixed mixed5 full; do
  t=$(cut -d' ' -f1 "$work/$name.txt" | median)
  m=$(cut -d' ' -f2 "$work/$name.txt" | median)
  eval "${name}_t=$t"
  echo "$name: median ${t}s, peak ${m} KB"
done
awk -v m="$mixed_t" -v p="$plain_t" 'BEGIN { printf "mixed/plain: %.2f (target at most 1.5)\n", m / p }'
awk -v b="$mixed5_t" -v s="$mixed_t" 'BEGIN { printf "5x articles / 1x: %.2f (target at most 5.5)\n", b / s }'
echo "(full: the mixed corpus with both editions and search)"

echo
echo "== save-to-served, one edited article"
cargo run --release --quiet --example serve-latency -- "$work/mixed" 30
cargo run --release --quiet --example serve-latency -- "$work/full" 30

echo
echo "== cold build of the example site (target under 100 ms)"
hyperfine -N --warmup 3 -r 20 --prepare "rm -rf $work/example" "$digest build --output $work/example"
hyperfine -N --warmup 3 -r 20 "$digest build --output $work/example"

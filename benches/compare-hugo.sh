#!/usr/bin/env bash
# Builds the same plain-Markdown corpus with digest and with Hugo, alternating run by run,
# and reports median wall time, peak memory and the digest/Hugo ratio.
#
#   benches/compare-hugo.sh [ARTICLES] [RUNS] [--long]
#
# `--long` builds the long-article corpus (about 6 KB of the example site's paragraphs an
# article) instead of the short one.
#
# digest builds with the Traditional edition and the search index switched off, so both
# tools build comparable pages (an article page per file, home, lists, tags, feeds,
# sitemap); the same corpus is also built full-featured (both editions, search index) in
# the same alternation, and reported against Hugo too.
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${1:-10000}"
runs="${2:-5}"
shape="--markdown-only"
[ "${3:-}" = "--long" ] && shape="--long"
command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install hugo)" >&2; exit 1; }
cargo build --release --quiet
digest="$PWD/target/release/digest"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo run --release --quiet --example gen-corpus -- "$articles" "$work/digest" "$shape" >/dev/null
# Comparable work: no second edition, no search index.
{ echo "search = false"; sed 's/^enabled = true/enabled = false/' "$work/digest/site.toml"; } > "$work/site.toml"
mkdir -p "$work/full"
cp "$work/digest/site.toml" "$work/full/site.toml"
cp -r "$work/digest/content" "$work/full/content"
grep -q '^search = false' "$work/full/site.toml" && { echo "the corpus has search off" >&2; exit 1; }
mv "$work/site.toml" "$work/digest/site.toml"
"$digest" build --root "$work/full" --output "$work/out-full" >/dev/null
test -f "$work/out-full/zh-hant/index.html" && test -f "$work/out-full/search/meta.json"
"$digest" build --root "$work/digest" --output "$work/out-digest" >/dev/null # fails loudly if the setup is wrong
mkdir -p "$work/hugo"
cp -r benches/hugo/. "$work/hugo/"
ln -s "$work/digest/content" "$work/hugo/content"

measure() { # prints "seconds kilobytes"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
  cat "$work/time"
}
: > "$work/digest.txt"; : > "$work/hugo.txt"; : > "$work/full.txt"
for run in $(seq 1 "$runs"); do
  measure "$digest" build --root "$work/digest" --output "$work/out-digest" >> "$work/digest.txt"
  measure hugo --quiet --source "$work/hugo" --destination "$work/out-hugo" >> "$work/hugo.txt"
  measure "$digest" build --root "$work/full" --output "$work/out-full" >> "$work/full.txt"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
d_time=$(cut -d' ' -f1 "$work/digest.txt" | median)
h_time=$(cut -d' ' -f1 "$work/hugo.txt" | median)
d_mem=$(cut -d' ' -f2 "$work/digest.txt" | median)
h_mem=$(cut -d' ' -f2 "$work/hugo.txt" | median)
d_pages=$(find "$work/out-digest" -name '*.html' | wc -l)
h_pages=$(find "$work/out-hugo" -name '*.html' | wc -l)
echo "articles=$articles runs=$runs"
echo "digest: median ${d_time}s, peak ${d_mem} KB, ${d_pages} HTML pages"
echo "hugo:   median ${h_time}s, peak ${h_mem} KB, ${h_pages} HTML pages"
f_time=$(cut -d' ' -f1 "$work/full.txt" | median)
f_mem=$(cut -d' ' -f2 "$work/full.txt" | median)
f_pages=$(find "$work/out-full" -name '*.html' | wc -l)
echo "digest full-featured (both editions, search): median ${f_time}s, peak ${f_mem} KB, ${f_pages} HTML pages"
awk -v d="$d_time" -v h="$h_time" 'BEGIN { printf "ratio digest/hugo: %.2f\n", d / h }'
awk -v d="$f_time" -v h="$h_time" 'BEGIN { printf "ratio digest full-featured/hugo: %.2f\n", d / h }'

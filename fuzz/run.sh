#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) each, JOBS at a time (default 2), with a
# seed corpus made from the example site's articles. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); on a stable toolchain RUSTC_BOOTSTRAP=1 lets cargo-fuzz
# pass its flags, and `-s none` skips AddressSanitizer (digest has no unsafe code of its own).
#
#   fuzz/run.sh [SECONDS] [JOBS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"; shift || true
jobs="${1:-2}"; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(front_matter scraped_page clean_html pinyin date dateline document web_page)
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/digest-fuzz-target}"

seed() { # seed TARGET: fills fuzz/corpus/TARGET from the samples
  local dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  case "$1" in
    front_matter|document|clean_html) cp content/*.md content/*.html "$dir"/ 2>/dev/null || true
      cp content/*.txt "$dir"/ 2>/dev/null || true ;;
    scraped_page) cp content/*.txt "$dir"/ 2>/dev/null || true ;;
    web_page) cp content/*.txt "$dir"/ 2>/dev/null || true
      [ -d ../shared/corpus/html ] && cp ../shared/corpus/html/*.html "$dir"/ || true ;;
    pinyin|dateline) grep -h -v '^\s*$' content/* | head -200 | split -l 1 - "$dir/line-" ;;
    date) printf '%s\n' "Fri, 12 Mar 2021 02:15:00 GMT" "2021-03-12T10:15:00+08:00" \
            "2021年03月12日 10:15" "2021-03-12" "2021/3/12" "12 Mar 2021" | split -l 1 - "$dir/date-" ;;
  esac
}

cargo fuzz build -s none "${targets[@]/#/}" 2>/dev/null || for t in "${targets[@]}"; do cargo fuzz build -s none "$t"; done
run() {
  local t="$1"
  seed "$t"
  echo "== $t: ${seconds}s"
  cargo fuzz run -s none "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout=10 -max_len=262144 -print_final_stats=1 \
    > "fuzz/logs/$t.log" 2>&1 && echo "== $t: no crash" || { echo "== $t: FAILED, see fuzz/logs/$t.log"; return 1; }
}
mkdir -p fuzz/logs
export -f run seed
export seconds
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run {}'

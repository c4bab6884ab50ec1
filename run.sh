#!/usr/bin/env bash
# Scrapifie Studio developer entry point. Does all set-up on a fresh Debian/Ubuntu machine
# (Node 22, Chromium, npm dependencies) and then runs the requested task.
#   ./run.sh start   build and serve the studio (designer, runs, results, API) on http://127.0.0.1:3000,
#                    on the embedded default: SQLite and an in-process worker (same as ./run.sh studio)
#   ./run.sh test    run the whole test suite
#   ./run.sh bench   run the side-by-side benchmarks
#   ./run.sh demo    run the bundled example recipe against the bundled demo site and print its rows
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh
task="${1:-start}"; shift || true
case "$task" in
  start|studio) npm run build >&2 && exec node apps/server/bin/scrapifie.js serve "$@" ;;
  demo)  exec npm start -- "$@" ;;
  test)  exec npm test -- "$@" ;;
  bench)
    # Scrapy is the Python peer of the HTTP benchmark (Debian's package; skipped loudly where it cannot be installed)
    if ! command -v scrapy >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      (apt-get install -y -qq python3-scrapy >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq python3-scrapy >/dev/null)) >&2 || echo "[bench] could not install python3-scrapy" >&2
    fi
    exec npm run bench:http -- "$@" ;;
  *) echo "usage: ./run.sh start|test|bench|demo" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# The whole test suite (`npm test`, and `.ci/run` after it installed the system packages):
# lint, format check, typecheck, unit and integration tests (Vitest), production build, browser
# tests (Playwright with Debian's Chromium). Stages run in that order, cheapest first; the first
# failing stage stops the run and is named. Nothing is skipped: a missing tool fails its stage.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The project's own Node 24 (the npm `node` package) comes first, also when this script is run
# directly rather than through `npm test`.
export PATH="$ROOT/node_modules/.bin:$PATH"

# next.config.ts validates the configuration at build time, and AUTH_SECRET has no default on
# purpose. A throwaway one is enough to build and test; a value set by the caller wins.
if [[ -z "${AUTH_SECRET:-}" && -z "${AUTH_SECRET_FILE:-}" ]]; then
  AUTH_SECRET="$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64url"))')"
  export AUTH_SECRET
fi

# Next.js would otherwise send usage telemetry to an outside host during the build.
export NEXT_TELEMETRY_DISABLED="${NEXT_TELEMETRY_DISABLED:-1}"

STAGES=(lint format typecheck unit build e2e)
declare -A COMMANDS=(
  [lint]="npm run --silent lint"
  [format]="npm run --silent format:check"
  [typecheck]="npm run --silent typecheck"
  [unit]="npm run --silent test:unit"
  [build]="npm run --silent build"
  [e2e]="npm run --silent test:e2e"
)
declare -A TIMES=()

summary() {
  local name
  echo
  echo "== timings"
  for name in "${STAGES[@]}"; do
    if [[ -n "${TIMES[$name]:-}" ]]; then printf '   %-10s %6ss\n' "$name" "${TIMES[$name]}"; fi
  done
}

echo "== node $(node --version), npm $(npm --version 2>/dev/null)"
for stage in "${STAGES[@]}"; do
  echo
  echo "== stage: $stage (${COMMANDS[$stage]})"
  started=$(date +%s%3N)
  status=0
  ${COMMANDS[$stage]} || status=$?
  elapsed=$(($(date +%s%3N) - started))
  TIMES[$stage]="$((elapsed / 1000)).$(((elapsed % 1000) / 100))"
  if [[ $status -ne 0 ]]; then
    summary
    echo
    echo "FAILED: stage '$stage' (exit code $status, ${TIMES[$stage]}s): ${COMMANDS[$stage]}"
    exit "$status"
  fi
  echo "== stage $stage passed in ${TIMES[$stage]}s"
done

summary
echo
echo "ALL STAGES PASSED: ${STAGES[*]}"

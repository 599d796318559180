#!/usr/bin/env bash
# Prepares a fresh database for the end-to-end tests (small demo data, scored, one user per role)
# and then serves the built app. Passwords are test-only.
set -euo pipefail
# E2E_DIR lets a second, long-lived copy run beside the suite's (see playwright.config.ts).
dir="${E2E_DIR:-tmp/e2e}"
rm -rf "$dir" && mkdir -p "$dir"
export CARELOOP_DB="${CARELOOP_DB:-$dir/careloop.duckdb}"
node pipelines/careloop.mjs setup --demo-days 21 --demo-out "$dir/demo" --no-first-admin
for role in admin manager qa_lead staff; do
	printf 'e2e-password-%s\n' "$role" |
		node pipelines/careloop.mjs user add --email "$role@e2e.test" --role "$role" --name "E2E $role" --password-stdin
done
# A staff account linked to agent A034, one of the three strugglers the demo world always makes
# (seed 42, src/lib/server/demo/world.ts), so the coaching rules open tasks for them: the QA and
# coaching tests answer evaluations and coaching as this agent.
printf 'e2e-password-agent\n' |
	node pipelines/careloop.mjs user add --email agent@e2e.test --role staff --name "E2E agent" --agent A034 --password-stdin
# An upload a crashed server left behind: the server removes it when it starts (import-jobs.spec).
mkdir -p "$dir/uploads/upload-crashed/a00000"
echo 'fill_id,patient_id' >"$dir/uploads/upload-crashed/a00000/fills.csv"
export BODY_SIZE_LIMIT="${BODY_SIZE_LIMIT:-1100M}"
exec node build

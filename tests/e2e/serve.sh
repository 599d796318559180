#!/usr/bin/env bash
# Prepares a fresh database for the end-to-end tests (small demo data, scored, one user per role)
# and then serves the built app. Passwords are test-only.
set -euo pipefail
rm -rf tmp/e2e && mkdir -p tmp/e2e
export CARELOOP_DB="${CARELOOP_DB:-tmp/e2e/careloop.duckdb}"
node pipelines/careloop.mjs setup --demo-days 21 --demo-out tmp/e2e/demo --no-first-admin
for role in admin manager qa_lead staff; do
	printf 'e2e-password-%s\n' "$role" |
		node pipelines/careloop.mjs user add --email "$role@e2e.test" --role "$role" --name "E2E $role" --password-stdin
done
exec node build

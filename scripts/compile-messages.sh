#!/usr/bin/env bash
# Compile the translations of click's messages (budgetlint/locale/*/LC_MESSAGES/messages.po) with
# GNU msgfmt; the .mo files are committed, so neither users nor CI need msgfmt.
set -euo pipefail
cd "$(dirname "$0")/.."
for po in budgetlint/locale/*/LC_MESSAGES/messages.po; do
  msgfmt --check -o "${po%.po}.mo" "$po"
done

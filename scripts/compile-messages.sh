#!/usr/bin/env bash
# Compile the message catalogues with GNU msgfmt; the .mo files are committed, so neither users
# nor CI need msgfmt:
#   budgetlint/locale/zh_CN/LC_MESSAGES/messages.po    click's own messages in Chinese
#   budgetlint/locale/en/LC_MESSAGES/budgetlint.po     budgetlint's messages in English (--lang en)
set -euo pipefail
cd "$(dirname "$0")/.."
for po in budgetlint/locale/*/LC_MESSAGES/*.po; do
  msgfmt --check -o "${po%.po}.mo" "$po"
done

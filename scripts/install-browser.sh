#!/usr/bin/env bash
# Headless Chromium for the HTML report's browser test (tests/report/test_html.py).
# Debian/Ubuntu: the distribution's chromium package; elsewhere install Chromium yourself
# (the test looks for chromium, chromium-browser or google-chrome on PATH, or
# BUDGETLINT_CHROMIUM=/path/to/chrome).
set -euo pipefail
for exe in chromium chromium-browser google-chrome; do
  if command -v "$exe" >/dev/null 2>&1; then exit 0; fi
done
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
else
  echo "install-browser: no apt-get here; install Chromium to run the browser test" >&2
fi

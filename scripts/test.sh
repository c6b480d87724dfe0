#!/usr/bin/env bash
# Set up the test dependencies (venv, pip packages, Debian's chromium, Node.js with the test OpenID Provider) and
# run the whole test suite.
# Extra arguments go to pytest. pytest collecting no tests (exit 5) counts as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v node >/dev/null || missing="$missing nodejs"
command -v npm >/dev/null || missing="$missing npm"
# tests/test_deploy.py runs the deployment recipe: Debian's nginx in front of the app, a certificate from openssl
[ -x /usr/sbin/nginx ] || missing="$missing nginx"
command -v openssl >/dev/null || missing="$missing openssl"
# The reports (governance/reports): WeasyPrint renders PDF with Debian's pango and DejaVu fonts; tests/test_reports.py
# reads the PDF back with pdftotext, pdfinfo and pdftoppm
libs="$(/sbin/ldconfig -p 2>/dev/null || true)"
[[ "$libs" == *libpango-1.0.so.0* ]] || missing="$missing libpango-1.0-0"
[[ "$libs" == *libpangoft2-1.0.so.0* ]] || missing="$missing libpangoft2-1.0-0"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
command -v pdftotext >/dev/null || missing="$missing poppler-utils"
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086  # one word per package
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# The organisation sign-on tests run a real OpenID Provider (tests/oidc), installed from its committed lock file.
if [ ! -d tests/oidc/node_modules ]; then
  npm ci --prefix tests/oidc --no-audit --no-fund >/dev/null
fi
# The accessibility test (tests/test_axe_browser.py) injects axe-core, installed from its committed lock file.
if [ ! -d tests/axe/node_modules ]; then
  npm ci --prefix tests/axe --no-audit --no-fund >/dev/null
fi
.venv/bin/python -m ruff check .
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$status"

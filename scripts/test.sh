#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# Debian packages for the browser tests (Chromium driven by Playwright, also used by kaleido
# for chart images) and for rendering the exports (LibreOffice, pdftoppm). Never
# `playwright install`: it downloads a browser of its own, which this network refuses.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
# LibreOffice renders the memo (Writer), the deck (Impress) and the workbook (Calc) to PDF for the tests.
for part in writer impress calc; do
  dpkg-query -W -f='${Status}' "libreoffice-$part-nogui" 2>/dev/null | grep -q "ok installed" \
    || dpkg-query -W -f='${Status}' "libreoffice-$part" 2>/dev/null | grep -q "ok installed" \
    || missing+=("libreoffice-$part-nogui")
done
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# Liberation Serif/Sans have the metrics of Times New Roman/Arial: rendered pages count as in Word.
fc-list 2>/dev/null | grep -q "Liberation Serif" || missing+=(fonts-liberation2)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m pytest "$@"

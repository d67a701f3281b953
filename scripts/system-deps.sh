#!/usr/bin/env bash
# Installs the Debian packages the app needs, or says exactly how to install them.
#   scripts/system-deps.sh run   -> WeasyPrint's libraries and fonts
#   scripts/system-deps.sh test  -> the same, plus Chromium (browser tests), poppler (PDF checks)
#                                   npm when missing (axe-core, vnu.jar) and Java when missing
#                                   (vnu.jar, the Nu HTML Checker)
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core python3-venv)
if [ "${1:-run}" = "test" ]; then
  packages+=(chromium poppler-utils)
  # npm installs axe-core for the browser tests; Debian's Node.js serves when none is installed.
  command -v npm >/dev/null || packages+=(nodejs npm)
  # Java runs the Nu HTML Checker (tests/browser/test_markup.py); any Java 11 or later serves.
  command -v java >/dev/null || packages+=(default-jre-headless)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages. Install them with:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

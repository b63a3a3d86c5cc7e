#!/usr/bin/env bash
# Make sure the Debian/Ubuntu system libraries that Qt (PySide6) needs are installed.
#   scripts/system-deps.sh test   libraries for running Qt off-screen, Chromium (the phone page's browser tests)
#                                 and PostgreSQL (the test suite runs the
#                                 store tests on a real PostgreSQL server it starts itself)
#   scripts/system-deps.sh run    ... plus the X11 (xcb) libraries for opening a real window
#   scripts/system-deps.sh dist   ... plus binutils, which PyInstaller uses to read libraries
# As root it installs what is missing with apt-get; otherwise it prints the exact command and fails.
set -euo pipefail

purpose=${1:-test}
packages=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core)
case $purpose in
  test) packages+=(postgresql chromium libatomic1) ;;  # libatomic1: Playwright's bundled Node.js
  run) packages+=(libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
                  libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0) ;;
  dist) packages+=(binutils) ;;
  *) echo "usage: $0 test|run|dist" >&2; exit 64 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian-based system; make sure Qt 6's system libraries are installed." >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

command_line="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "Qt needs some system libraries that are not installed. Install them with:" >&2
  echo "  sudo apt-get update && sudo $command_line" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$command_line -qq >/dev/null

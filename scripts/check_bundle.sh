#!/usr/bin/env bash
# Build the one-folder bundle (make dist) and check that it runs: the version matches the package,
# `import`, `list` and `backup` work on a new store, the window starts off-screen, and without a display the one sentence shows.
set -euo pipefail
cd "$(dirname "$0")/.."

make dist
app=dist/workshop-app/workshop-app
[[ -x $app && -x dist/workshop-app/workshop-app-gui ]] || { echo "check_bundle: executables missing" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export WORKSHOP_APP_DATA=$scratch/data   # keep the check away from the real data folder

expected="workshop-app $(.venv/bin/python -c 'import workshop_app; print(workshop_app.__version__)')"
got=$("$app" --version)
[[ $got == "$expected" ]] || { echo "check_bundle: --version said '$got', expected '$expected'" >&2; exit 1; }
echo "check_bundle: $got"

# `list` never creates a store; `import` does (and shows the migrations and plans are in the bundle).
"$app" import --db "$scratch/store.sqlite3" sessions/examples/northside-leisure.json
revision=$(.venv/bin/python -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select version_num from alembic_version").fetchone()[0])' "$scratch/store.sqlite3")
echo "check_bundle: import created a store at revision $revision"
listed=$("$app" list --db "$scratch/store.sqlite3")
[[ $listed == *"Northside"* ]] || { echo "check_bundle: list did not show the imported workshop: $listed" >&2; exit 1; }

"$app" backup --db "$scratch/store.sqlite3" --out "$scratch/copy.sqlite3"
[[ -s $scratch/copy.sqlite3 ]] || { echo "check_bundle: backup wrote nothing" >&2; exit 1; }

if [[ $(uname -s) == Linux ]]; then
  set +e
  message=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$app" 2>&1)
  status=$?
  set -e
  [[ $status -eq 2 && $message == "No display found:"* ]] || {
    echo "check_bundle: without a display, expected exit 2 and one sentence, got $status: $message" >&2; exit 1; }
fi
# The window starts off-screen and keeps running (timeout's 124) rather than failing at start-up.
set +e
timeout 20 env QT_QPA_PLATFORM=offscreen dist/workshop-app/workshop-app-gui --db "$scratch/store.sqlite3" >"$scratch/gui.out" 2>&1
status=$?
set -e
[[ $status -eq 124 ]] || { echo "check_bundle: the window exited with $status:" >&2; cat "$scratch/gui.out" >&2; exit 1; }

echo "check_bundle: bundle OK ($(du -sh dist/workshop-app | cut -f1))"

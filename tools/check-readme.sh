#!/usr/bin/env bash
# tools/check-readme.sh [BUILD_DIR] [README]: runs the README's walk-through as written and
# fails on the first command that fails.
#
# The walk-through is every ```sh block that follows a line `<!-- walkthrough -->` (blank
# lines may come between). The blocks run in the order of the README, in one bash session
# (`set -euo pipefail`: a `cd` or variable carries to the next block, as in a reader's
# shell), in a scratch folder that looks like the repository root (a symbolic link to each
# top-level entry, `build` to BUILD_DIR, default build/) so that the files the commands
# write stay out of the repository. The environment is a new user's on Debian: HOME, LANG and
# Debian's default PATH only, so that `python3` is Debian's, not a developer's own.
# tools/run-tests.sh runs this after ctest (KANSA_SKIP_README=1 skips it).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-$repo/build}" && pwd)"
readme="$(cd "$(dirname "${2:-$repo/README.md}")" && pwd)/$(basename "${2:-README.md}")"
[ -x "$build/kansa" ] || { echo "check-readme: no kansa in $build (build first)" >&2; exit 3; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/kansa-readme-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/repo" "$scratch/home"
shopt -s nullglob
for entry in "$repo"/* "$repo"/.[!.]*; do
  name="$(basename "$entry")"
  case "$name" in
    build | build-* | .git | *.db | *.db-wal | *.db-shm) continue ;;
  esac
  ln -s "$entry" "$scratch/repo/$name"
done
ln -s "$build" "$scratch/repo/build"

# The script: each block, announced with its README line, so that a failure names its block.
script="$scratch/walkthrough.sh"
awk -v readme="$(basename "$readme")" '
  BEGIN {
    print "set -euo pipefail"
    print "trap '\''echo \"check-readme: FAILED in the block at " readme ":$block_line: $BASH_COMMAND\" >&2'\'' ERR"
  }
  /^<!-- walkthrough -->[[:space:]]*$/ { marked = 1; next }
  marked && /^[[:space:]]*$/ { next }
  marked && /^```sh[[:space:]]*$/ { inside = 1; marked = 0; blocks++
    print "block_line=" NR + 1
    print "echo \"== " readme ":" NR + 1 "\" >&2"
    next }
  { marked = 0 }
  inside && /^```[[:space:]]*$/ { inside = 0; next }
  inside { print }
  END {
    if (inside) { print "check-readme: unterminated block" > "/dev/stderr"; exit 1 }
    if (blocks == 0) { print "check-readme: no <!-- walkthrough --> block in " readme > "/dev/stderr"; exit 1 }
    print "echo \"check-readme: " blocks " blocks ran\" >&2"
  }
' "$readme" > "$script"

cd "$scratch/repo"
env -i HOME="$scratch/home" LANG=C.UTF-8 TERM=dumb \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  bash "$script" < /dev/null

#!/usr/bin/env bash
# memlint launcher of the tarball: runs the bundled Java runtime (with the tuned flags jlink baked
# into it) on the jar, with the AOT cache recorded when the distribution was built.
set -euo pipefail

# Follow links to the real launcher (one on PATH, maybe relative, maybe a chain of them).
self="${BASH_SOURCE[0]}"
for ((hops = 0; hops < 40; hops++)); do
  [[ -L "$self" ]] || break
  target="$(readlink "$self")"
  [[ "$target" == /* ]] || target="$(dirname "$self")/$target"
  self="$target"
done
[[ -L "$self" ]] && { echo "memlint: too many levels of symbolic links: ${BASH_SOURCE[0]}" >&2; exit 2; }
home="$(cd "$(dirname "$self")/.." && pwd -P)"
jar="$home/lib/memlint.jar"
cache="$home/lib/memlint.aot"

# The JVM ignores the cache for a jar whose modification time is not the one it was recorded with
# (an unpacking that does not keep times, tar -m); put it back where we may.
jar_mtime=315532800
[[ "$(stat -c %Y "$jar")" == "$jar_mtime" ]] || touch -m -d "@$jar_mtime" "$jar" 2>/dev/null || true

# Java decodes file names and arguments in the locale's charset: under LC_ALL=C a non-ASCII name
# became '?'s. A UTF-8 locale of the user's is kept; otherwise C.UTF-8 where the system has it.
if [[ "$(locale charmap 2>/dev/null)" != "UTF-8" ]]; then
  for utf8 in C.UTF-8 C.utf8; do
    if [[ "$(LC_ALL=$utf8 locale charmap 2>/dev/null)" == "UTF-8" ]]; then
      export LC_ALL=$utf8
      break
    fi
  done
fi

flags=("-XX:ErrorFile=${TMPDIR:-/tmp}/memlint_hs_err_pid%p.log") # never into the user's project
[[ -f "$cache" ]] && flags+=("-XX:AOTCache=$cache")
# `memlint server` lives as long as the editor: the full tiered compiler pays for itself after the
# first edits, and a small heap suits an idle server (the baked-in flags are for one short check).
[[ "${1:-}" == server ]] && flags+=(-XX:TieredStopAtLevel=4 -Xms96m -Xmn64m)
exec "$home/runtime/bin/java" "${flags[@]}" -jar "$jar" "$@"

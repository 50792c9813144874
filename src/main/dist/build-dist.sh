#!/usr/bin/env bash
# Builds the self-contained distribution of memlint: a Java runtime trimmed by jlink, the jar, an
# AOT cache recorded from a real check, and launchers; written as a tarball and a Python wheel.
# Maven runs it in the package phase (pom.xml); skip it with -Dmemlint.dist.skip.
#
# usage: build-dist.sh JAR VERSION JDK WHEEL_PLATFORM TARBALL_PLATFORM OUT_DIR
set -euo pipefail

jar="$1" version="$2" jdk="$3" wheel_platform="$4" tarball_platform="$5" out="$6"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

fail() { echo "memlint dist: $*" >&2; exit 1; }

# The AOT cache (JEP 483/514) needs JDK 25's java. See docs/release.md for why 25 and not 17.
# Without one the build goes on without the distribution (a newcomer's `mvn verify` needs only
# JDK 17): it says so, and DistributionIT skips.
skip() { echo "memlint dist: not built: $*; set -Dmemlint.dist.jdk=/path/to/jdk-25 to build the wheel and tarball" >&2; exit 0; }
[[ -x "$jdk/bin/jlink" && -x "$jdk/bin/jdeps" ]] || skip "no JDK with jlink at $jdk"
feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")"
((${feature:-0} >= 25)) || skip "$jdk is Java ${feature:-?}; the distribution's AOT cache needs Java 25 or newer"

image="$out/work/memlint-$version" # the tarball's top folder; the wheel's memlint/ package
rm -rf "$out/work" "$out"/memlint-*.whl "$out"/memlint-*.tar.gz
mkdir -p "$image/bin" "$image/lib"

# --- runtime ---------------------------------------------------------------------------------
# jdeps lists java.base, java.desktop, java.management, java.sql and java.xml. Jackson declares
# java.desktop (java.beans) and java.sql as optional (`requires static`) and checks for them before
# use; leaving them out saves 10 MB. The distribution test compares every output with the jar's.
optional="java.desktop java.sql"
modules=()
for module in $("$jdk/bin/jdeps" --list-deps --ignore-missing-deps --multi-release "$feature" "$jar"); do
  [[ " $optional " == *" $module "* ]] || modules+=("$module")
done
modules_csv="$(IFS=,; echo "${modules[*]}")"
[[ "$modules_csv" == java.base* ]] || fail "jdeps found no modules in $jar"

# The launcher's tuned flags (see ./memlint for the measurements behind each), baked into the
# runtime so that every way of starting it, and the recording below, uses the same ones. A cache
# that cannot be used (a moved or touched jar) is silently skipped: its errors would mix with the report.
options="-XX:+UseSerialGC -Xms700m -Xmn384m -XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=error:stderr -Xlog:aot*=off:stderr"
"$jdk/bin/jlink" --add-modules "$modules_csv" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-9 --add-options="$options" --output "$image/runtime"

# --- jar and AOT cache ---------------------------------------------------------------------------
# The JVM ignores a cache whose jar has another modification time than when it was recorded; pip
# does not keep the times of the files it installs, so the launchers set this fixed one back.
fixed_mtime=315532800 # 1980-01-01T00:00:00Z, also the time of every entry in the wheel and tarball
cp "$jar" "$image/lib/memlint.jar"
touch -m -d "@$fixed_mtime" "$image/lib/memlint.jar"

# Recorded from a successful check of a sample (never from --help or a failed run: see ./memlint),
# then used with AOTMode=on, which refuses to start without the cache, on the commands that
# crashed JDK 17 on a bad archive.
sample="$(mktemp -d "${TMPDIR:-/tmp}/memlint-dist.XXXXXX")"
trap 'rm -rf "$sample"' EXIT
printf 'def drain(items):\n    out = ""\n    for i in range(len(items)):\n        out += items[i][1:]\n    return out\n' >"$sample/fine.py"
printf 'def load(path)\n    return path\n' >"$sample/broken.py"
java="$image/runtime/bin/java"
cache="$image/lib/memlint.aot"
# (The JVM's second step of the recording says "Picked up JAVA_TOOL_OPTIONS" on stderr: kept in a log.)
"$java" -XX:AOTCacheOutput="$cache" -jar "$image/lib/memlint.jar" check --exit-zero --extend-select ALL "$sample" \
  >/dev/null 2>"$out/work/aot-recording.log" \
  || { cat "$out/work/aot-recording.log" >&2; fail "the sample check that records the AOT cache failed"; }
[[ -s "$cache" ]] || fail "no AOT cache was written"
for try in "--help" "check --help" "check --exit-zero --extend-select ALL $sample"; do
  # shellcheck disable=SC2086 # the words of each try are meant to split
  "$java" -XX:AOTCache="$cache" -XX:AOTMode=on -jar "$image/lib/memlint.jar" $try >/dev/null \
    || fail "the runtime does not start with its AOT cache: memlint $try"
done

# --- launchers, licence, archives ------------------------------------------------------------
cp "$here/memlint.sh" "$image/bin/memlint"
chmod 755 "$image/bin/memlint"
cp "$here/../../../LICENSE" "$image/LICENSE"
cp "$here/README-dist.md" "$image/README.md"

tarball="$out/memlint-$version-$tarball_platform.tar.gz"
tar -C "$out/work" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$fixed_mtime" \
  -cf - "memlint-$version" | gzip -n >"$tarball"

python3 "$here/wheel.py" --image "$image" --python-package "$here/python/memlint" \
  --readme "$here/README-pypi.md" --license "$image/LICENSE" --version "$version" \
  --platform "$wheel_platform" --out "$out" --mtime "$fixed_mtime"

echo "memlint dist: runtime $(du -sm "$image/runtime" | cut -f1) MB ($modules_csv, Java $feature), tarball $(du -m "$tarball" | cut -f1) MB"

"""The `memlint` command: replaces this Python process with the bundled Java runtime running
memlint, so that signals, standard streams and the exit code are memlint's own."""
import locale
import os
import sys

# The jar's modification time when the AOT cache was recorded (build-dist.sh): the JVM ignores the
# cache for a jar with another time, and pip gives the files it installs the time of installation.
JAR_MTIME = 315532800
# `memlint server` lives as long as the editor: the full tiered compiler pays for itself after the
# first edits, and a small heap suits an idle server (the baked-in flags are for one short check).
SERVER_FLAGS = ["-XX:TieredStopAtLevel=4", "-Xms96m", "-Xmn64m"]


def main():
    home = os.path.dirname(os.path.abspath(__file__))
    java = os.path.join(home, "runtime", "bin", "java")
    jar = os.path.join(home, "lib", "memlint.jar")
    cache = os.path.join(home, "lib", "memlint.aot")
    restore_jar_mtime(jar)
    # The runtime carries the launcher's tuned flags (jlink --add-options); a fatal JVM error writes
    # its report to the temporary folder, never into the user's project.
    command = [java, "-XX:ErrorFile=" + os.path.join(os.environ.get("TMPDIR") or "/tmp", "memlint_hs_err_pid%p.log")]
    if os.path.isfile(cache):
        command.append("-XX:AOTCache=" + cache)
    if sys.argv[1:2] == ["server"]:
        command += SERVER_FLAGS
    command += ["-jar", jar] + sys.argv[1:]
    os.execve(java, command, utf8_environment())


def restore_jar_mtime(jar):
    try:
        if os.stat(jar).st_mtime != JAR_MTIME:
            os.utime(jar, (JAR_MTIME, JAR_MTIME))
    except OSError:
        pass  # a read-only installation: memlint runs without the cache, only slower to start


def utf8_environment():
    """Java decodes file names and arguments in the locale's charset, so under LC_ALL=C a non-ASCII
    name became '?'s. A UTF-8 locale of the user's is kept; otherwise C.UTF-8 where the system has it."""
    env = dict(os.environ)
    try:
        locale.setlocale(locale.LC_CTYPE, "")
        if locale.nl_langinfo(locale.CODESET).upper().replace("-", "") == "UTF8":
            return env
    except locale.Error:
        pass
    for name in ("C.UTF-8", "C.utf8"):
        try:
            locale.setlocale(locale.LC_CTYPE, name)
        except locale.Error:
            continue
        env["LC_ALL"] = name
        break
    return env


if __name__ == "__main__":
    main()

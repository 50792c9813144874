"""Writes memlint's wheel: the distribution image (runtime, jar, AOT cache) inside the `memlint`
Python package, with the metadata pip needs. A wheel is a zip file (PEP 427, PEP 491); this uses
the Python standard library only, so the build needs no Python package index.
"""
import argparse
import base64
import hashlib
import os
import re
import stat
import sys
import time
import zipfile

NAME = "memlint"
SUMMARY = "Static analyzer for Python code that uses more memory than it needs."


def main():
    args = parse_args()
    check_glibc(args.image, args.platform)
    tag = "py3-none-" + args.platform
    dist_info = f"{NAME}-{args.version}.dist-info"
    date_time = time.gmtime(args.mtime)[:6]
    path = os.path.join(args.out, f"{NAME}-{args.version}-{tag}.whl")
    record = []
    with zipfile.ZipFile(path + ".part", "w", zipfile.ZIP_DEFLATED) as wheel:
        def add(name, data, mode=0o644):
            info = zipfile.ZipInfo(name, date_time)
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{name},sha256={digest},{len(data)}")

        for source, name in package_files(args.python_package, args.image):
            with open(source, "rb") as f:
                data = f.read()
            # pip makes a file executable when any execute bit is set in the zip entry
            add(name, data, 0o755 if os.stat(source).st_mode & 0o111 else 0o644)
        add(f"{dist_info}/METADATA", metadata(args.version, args.readme).encode())
        add(f"{dist_info}/WHEEL", wheel_file(tag).encode())
        add(f"{dist_info}/entry_points.txt", b"[console_scripts]\nmemlint = memlint.__main__:main\n")
        with open(args.license, "rb") as f:
            add(f"{dist_info}/LICENSE", f.read())
        record.append(f"{dist_info}/RECORD,,")
        add_record = zipfile.ZipInfo(f"{dist_info}/RECORD", date_time)
        add_record.external_attr = (stat.S_IFREG | 0o644) << 16
        add_record.compress_type = zipfile.ZIP_DEFLATED
        wheel.writestr(add_record, "\n".join(record) + "\n")
    os.replace(path + ".part", path)
    print(f"memlint dist: wheel {os.path.basename(path)} {os.path.getsize(path) / 1e6:.1f} MB")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--image", required=True, help="runtime/, lib/ and LICENSE of the distribution")
    parser.add_argument("--python-package", required=True, help="the memlint package's Python files")
    parser.add_argument("--readme", required=True, help="the long description (Markdown)")
    parser.add_argument("--license", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--platform", required=True, help="platform tag, e.g. manylinux_2_17_x86_64")
    parser.add_argument("--out", required=True)
    parser.add_argument("--mtime", type=int, required=True, help="time of every entry (seconds since 1970)")
    return parser.parse_args()


def package_files(python_package, image):
    """(source file, name in the wheel) in a stable order: the Python files, then the image's
    runtime/ and lib/. Links (jlink links the legal notices of a module to java.base's) are stored
    as the files they point to: a wheel has no links."""
    for name in sorted(os.listdir(python_package)):
        if name.endswith(".py"):
            yield os.path.join(python_package, name), f"{NAME}/{name}"
    for top in ("runtime", "lib"):
        for folder, dirs, files in os.walk(os.path.join(image, top)):
            dirs.sort()
            for name in sorted(files):
                source = os.path.join(folder, name)
                yield source, f"{NAME}/" + os.path.relpath(source, image).replace(os.sep, "/")


def check_glibc(image, platform):
    """A manylinux_X_Y wheel must run with glibc X.Y: refuse a runtime whose binaries need newer
    symbol versions (Debian's JDK 17 needs GLIBC_2.34). The versions a binary needs are named in
    its dynamic string table; glibc itself is not in the runtime, so every name found is a need."""
    wanted = re.fullmatch(r"manylinux_(\d+)_(\d+)_\w+", platform)
    if not wanted:
        return
    limit = (int(wanted.group(1)), int(wanted.group(2)))
    newest, where = (0, 0), None
    for folder, _, files in os.walk(os.path.join(image, "runtime")):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                data = f.read()
            if not data.startswith(b"\x7fELF"):
                continue
            for major, minor in re.findall(rb"GLIBC_(\d+)\.(\d+)", data):
                version = (int(major), int(minor))
                if version > newest:
                    newest, where = version, path
    if newest > limit:
        sys.exit(f"memlint dist: {where} needs GLIBC_{newest[0]}.{newest[1]}, newer than the platform tag "
                 f"{platform} allows; build from a JDK built on an older glibc (Temurin) or change the tag")


def metadata(version, readme):
    with open(readme, encoding="utf-8") as f:
        description = f.read()
    return f"""Metadata-Version: 2.1
Name: {NAME}
Version: {version}
Summary: {SUMMARY}
Home-page: https://github.com/memlint/memlint
License: MIT
Keywords: linter,memory,static analysis
Classifier: Development Status :: 3 - Alpha
Classifier: Environment :: Console
Classifier: Intended Audience :: Developers
Classifier: License :: OSI Approved :: MIT License
Classifier: Operating System :: POSIX :: Linux
Classifier: Programming Language :: Python :: 3
Classifier: Topic :: Software Development :: Quality Assurance
Requires-Python: >=3.8
Description-Content-Type: text/markdown

{description}"""


def wheel_file(tag):
    # Root-Is-Purelib false: the package holds native code (the Java runtime), so it goes to platlib.
    return f"Wheel-Version: 1.0\nGenerator: memlint (src/main/dist/wheel.py)\nRoot-Is-Purelib: false\nTag: {tag}\n"


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Builds the proxy tests' dependency tree: real wheels (and one sdist), byte for byte the same on
every run, into OUT/dist/, with OUT/manifest.tsv (one line per file) and OUT/requirements.txt (the
tree pinned, with the sha256 of every file pip may take, for `pip install --require-hashes`).

Standard library only (zipfile, tarfile, gzip, hashlib): it runs on Debian's /usr/bin/python3 with
nothing installed, and its hashes are Python's, independent of the server under test.

The tree (PEP 508 requirements as each file's METADATA states them):

    app 1.0      Requires-Python >=3.7; requires lib-a>=1, lib-b
    lib-a 1.0    requires lib-c                      (pinned)
    lib-a 1.1    requires lib-c                      (the newest: the one a test yanks)
    lib-b 1.0    requires lib-c, lib-d               (pinned)
    lib-b 2.0    requires lib-c>=1, lib-d            (the newest: the one a policy may hide)
    Lib_C 1.0    a wheel and an sdist (lib_c-1.0.tar.gz); its Name is not normalised on purpose
    lib-d 1.0    Requires-Python >=3.6, <4 (both characters HTML escapes)

requirements.txt pins app 1.0, lib-a 1.0, lib-b 1.0, lib-c 1.0 (both files' hashes) and lib-d 1.0:
it installs whether or not lib-a 1.1 is yanked or lib-b 2.0 hidden. An unpinned `pip install app`
takes lib-a 1.1 and lib-b 2.0 unless they are.

Usage: build_tree.py OUT [--extra NAME==VERSION ...]
  --extra adds a wheel of NAME VERSION with no requirements (not in requirements.txt), for a test
  that changes the upstream (a new release).

manifest.tsv columns: project (normalised), name (as METADATA gives it), version, filename, kind
(wheel|sdist), sha256 (hex), size, requires-python, requires-dist (joined by "; "), role (pinned,
yank, newest, extra).
"""
import argparse
import base64
import gzip
import hashlib
import io
import os
import re
import tarfile
import zipfile

DATE = (2020, 2, 2, 12, 0, 0)  # every zip entry's time
MTIME = 1580644800  # the same instant for the sdist's tar entries (2020-02-02T12:00:00Z)

# name, version, requires-python, requires-dist, role, sdist too
TREE = [
    ("app", "1.0", ">=3.7", ["lib-a>=1", "lib-b"], "pinned", False),
    ("lib-a", "1.0", None, ["lib-c"], "pinned", False),
    ("lib-a", "1.1", None, ["lib-c"], "yank", False),
    ("lib-b", "1.0", None, ["lib-c", "lib-d"], "pinned", False),
    ("lib-b", "2.0", None, ["lib-c>=1", "lib-d"], "newest", False),
    ("Lib_C", "1.0", None, [], "pinned", True),
    ("lib-d", "1.0", ">=3.6, <4", [], "pinned", False),
]


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def escaped(name):
    """The name as wheel and sdist filenames write it (PEP 427, PEP 625)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def metadata(name, version, requires_python, requires_dist):
    lines = ["Metadata-Version: 2.1", "Name: " + name, "Version: " + version,
             "Summary: " + normalize(name) + " " + version + ", a fixture of the proxy tests"]
    if requires_python:
        lines.append("Requires-Python: " + requires_python)
    lines += ["Requires-Dist: " + r for r in requires_dist]
    return ("\n".join(lines) + "\n\n").encode("utf-8")


def module(name, version):
    return ("VERSION = %r\n" % version).encode("utf-8")


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def zip_entry(zf, path, data):
    info = zipfile.ZipInfo(path, date_time=DATE)
    info.external_attr = 0o100644 << 16
    info.create_system = 3
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)


def wheel(name, version, requires_python, requires_dist):
    stem = escaped(name) + "-" + version
    dist_info = stem + ".dist-info"
    files = [
        (escaped(name) + "/__init__.py", module(name, version)),
        (dist_info + "/METADATA", metadata(name, version, requires_python, requires_dist)),
        (dist_info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: cheeseshop-proxy-fixtures\n"
                               b"Root-Is-Purelib: true\nTag: py3-none-any\n\n"),
    ]
    record = "".join("%s,%s,%d\n" % (path, record_hash(data), len(data)) for path, data in files)
    record += dist_info + "/RECORD,,\n"
    files.append((dist_info + "/RECORD", record.encode("utf-8")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for path, data in files:
            zip_entry(zf, path, data)
    return stem + "-py3-none-any.whl", out.getvalue()


def sdist(name, version, requires_python, requires_dist):
    stem = escaped(name) + "-" + version
    pyproject = ('[build-system]\nrequires = ["flit_core>=3.2,<4"]\nbuild-backend = "flit_core.buildapi"\n\n'
                 '[project]\nname = "%s"\nversion = "%s"\ndescription = "a fixture of the proxy tests"\n'
                 % (name, version)).encode("utf-8")
    files = [
        (stem + "/PKG-INFO", metadata(name, version, requires_python, requires_dist)),
        (stem + "/pyproject.toml", pyproject),
        (stem + "/" + escaped(name) + "/__init__.py", module(name, version)),
    ]
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.USTAR_FORMAT) as tf:
        for path, data in files:
            info = tarfile.TarInfo(path)
            info.size = len(data)
            info.mtime = MTIME
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tf.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(tar_bytes.getvalue())
    return stem + ".tar.gz", out.getvalue()


def main():
    parser = argparse.ArgumentParser(description="Builds the proxy tests' dependency tree.")
    parser.add_argument("out")
    parser.add_argument("--extra", action="append", default=[], metavar="NAME==VERSION")
    args = parser.parse_args()
    builds = list(TREE)
    for extra in args.extra:
        name, sep, version = extra.partition("==")
        if not sep or not name or not version:
            parser.error("--extra wants NAME==VERSION, not " + extra)
        builds.append((name, version, None, [], "extra", False))

    dist = os.path.join(args.out, "dist")
    os.makedirs(dist, exist_ok=True)
    rows = []
    pinned = {}
    for name, version, requires_python, requires_dist, role, with_sdist in builds:
        made = [("wheel",) + wheel(name, version, requires_python, requires_dist)]
        if with_sdist:
            made.append(("sdist",) + sdist(name, version, requires_python, requires_dist))
        for kind, filename, data in made:
            with open(os.path.join(dist, filename), "wb") as f:
                f.write(data)
            sha256 = hashlib.sha256(data).hexdigest()
            rows.append([normalize(name), name, version, filename, kind, sha256, str(len(data)),
                         requires_python or "", "; ".join(requires_dist), role])
            if role == "pinned":
                pinned.setdefault((normalize(name), version), []).append(sha256)

    with open(os.path.join(args.out, "manifest.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write("\t".join(row) + "\n")
    with open(os.path.join(args.out, "requirements.txt"), "w", encoding="utf-8", newline="\n") as f:
        for (project, version), hashes in sorted(pinned.items()):
            f.write(project + "==" + version + "".join(" \\\n    --hash=sha256:" + h for h in hashes) + "\n")


if __name__ == "__main__":
    main()

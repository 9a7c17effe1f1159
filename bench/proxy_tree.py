#!/usr/bin/env python3
"""Writes the upstream of the proxy benchmark (bench/proxy.sh): a static PEP 503 tree, as a plain
web server (nginx) serves an index with no application behind it (HTML only, no JSON, no ETags).

    python3 bench/proxy_tree.py ROOT [PROJECTS [PAGE_FILES]]      (defaults 50 and 20)

    ROOT/simple/index.html            every project, linking to <project>/
    ROOT/simple/<project>/index.html  the project's files, linking to ../../files/<file>#sha256=...
    ROOT/files/<wheel>                the wheels (real, installable: METADATA, WHEEL, RECORD)
    ROOT/files/<wheel>.metadata       each wheel's METADATA (PEP 658), announced with its sha256
    ROOT/names-bench.txt              the PROJECTS names pip downloads, one a line
    ROOT/names-warmup.txt             PROJECTS other names, for warming a server up untimed

The projects: bench-proxy-00 ... (PROJECTS of them) and warmup-00 ... (as many), each with one
small pure-Python wheel at version 1.0 (bench/make_wheels.py's, under 1 KiB), and page-project,
with PAGE_FILES wheels (1.0, 1.1, ...), the page wrk asks for: the same size of page as
bench/simple-wrk.sh's. Standard library only.
"""
import hashlib
import html
import os
import shutil
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_wheels import wheel  # noqa: E402  (the benchmark's small valid wheel)


def page(title, links):
    return ("<!DOCTYPE html>\n<html>\n  <head>\n"
            '    <meta name="pypi:repository-version" content="1.0">\n'
            "    <title>%s</title>\n  </head>\n  <body>\n    <h1>%s</h1>\n%s  </body>\n</html>\n"
            % (html.escape(title), html.escape(title), "".join("    %s<br />\n" % link for link in links)))


def main():
    root = Path(sys.argv[1])
    projects = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    page_files = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    files = root / "files"
    simple = root / "simple"
    for old in (files, simple):
        shutil.rmtree(old, ignore_errors=True)
    files.mkdir(parents=True)
    simple.mkdir(parents=True)

    bench = ["bench-proxy-%02d" % i for i in range(projects)]
    warmup = ["warmup-%02d" % i for i in range(projects)]
    releases = [(name, ["1.0"]) for name in bench + warmup]
    releases.append(("page-project", ["1.%d" % i for i in range(page_files)]))
    for name, versions in releases:
        links = []
        for version in versions:
            wheel(files, name, version)
            filename = "%s-%s-py3-none-any.whl" % (name.replace("-", "_"), version)
            data = (files / filename).read_bytes()
            with zipfile.ZipFile(files / filename) as zf:
                meta = zf.read("%s-%s.dist-info/METADATA" % (name.replace("-", "_"), version))
            (files / (filename + ".metadata")).write_bytes(meta)
            meta_hash = hashlib.sha256(meta).hexdigest()
            links.append('<a href="../../files/%s#sha256=%s" data-dist-info-metadata="sha256=%s" '
                         'data-core-metadata="sha256=%s">%s</a>'
                         % (filename, hashlib.sha256(data).hexdigest(), meta_hash, meta_hash, filename))
        (simple / name).mkdir()
        (simple / name / "index.html").write_text(page("Links for " + name, links), encoding="utf-8")
    index = ['<a href="%s/">%s</a>' % (name, name) for name, _ in sorted(releases)]
    (simple / "index.html").write_text(page("Simple index", index), encoding="utf-8")
    (root / "names-bench.txt").write_text("".join(n + "\n" for n in bench), encoding="utf-8")
    (root / "names-warmup.txt").write_text("".join(n + "\n" for n in warmup), encoding="utf-8")


if __name__ == "__main__":
    main()

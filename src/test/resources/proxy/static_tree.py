#!/usr/bin/env python3
"""Writes a static PEP 503 tree for a directory of distribution files, as a plain web server
(nginx) serves an index with no application behind it: HTML only, no JSON, no serials.

    ROOT/simple/index.html            every project, by normalised name, linking to <project>/
    ROOT/simple/<project>/index.html  the project's files, linking to ../../files/<file>
    ROOT/files/<file>                 a copy of each file
    ROOT/files/<wheel>.metadata       each wheel's core metadata (its *.dist-info/METADATA), PEP 658

Each file's link is relative, with the file's sha256 as its fragment (PEP 503), its
Requires-Python as data-requires-python (HTML-escaped, PEP 503), and for a wheel the sha256 of its
.metadata file as both data-dist-info-metadata (PEP 658) and data-core-metadata (PEP 714). A file
named by --yank gets data-yanked with the reason (PEP 592). The project is the normalised Name of
the file's own metadata (a wheel's METADATA, an sdist's PKG-INFO). Anything already in ROOT's
simple/ and files/ is replaced, so running it again after a change is how a test changes the tree.

Standard library only: runs on Debian's /usr/bin/python3.

Usage: static_tree.py DIST ROOT [--yank FILENAME=REASON ...]
"""
import argparse
import email.parser
import hashlib
import html
import os
import re
import shutil
import tarfile
import zipfile


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_metadata(path):
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist()
                 if re.fullmatch(r"[^/]+\.dist-info/METADATA", n)]
        if len(names) != 1:
            raise SystemExit("%s: expected one *.dist-info/METADATA, found %s" % (path, names))
        return zf.read(names[0])


def sdist_metadata(path):
    with tarfile.open(path, "r:gz") as tf:
        members = [m for m in tf.getmembers() if re.fullmatch(r"[^/]+/PKG-INFO", m.name)]
        if len(members) != 1:
            raise SystemExit("%s: expected one top-level PKG-INFO" % path)
        return tf.extractfile(members[0]).read()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def attr(value):
    return html.escape(value, quote=True)


def page(title, links):
    return ("<!DOCTYPE html>\n<html>\n  <head>\n"
            '    <meta name="pypi:repository-version" content="1.0">\n'
            "    <title>%s</title>\n  </head>\n  <body>\n    <h1>%s</h1>\n%s  </body>\n</html>\n"
            % (html.escape(title), html.escape(title), "".join("    %s<br />\n" % link for link in links)))


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temp = path + ".tmp"
    with open(temp, "wb") as f:
        f.write(data)
    os.replace(temp, path)


def main():
    parser = argparse.ArgumentParser(description="Writes a static PEP 503 tree for DIST's files under ROOT.")
    parser.add_argument("dist")
    parser.add_argument("root")
    parser.add_argument("--yank", action="append", default=[], metavar="FILENAME=REASON")
    args = parser.parse_args()
    yanked = {}
    for entry in args.yank:
        filename, sep, reason = entry.partition("=")
        if not sep:
            parser.error("--yank wants FILENAME=REASON (the reason may be empty), not " + entry)
        yanked[filename] = reason

    files_dir = os.path.join(args.root, "files")
    simple_dir = os.path.join(args.root, "simple")
    for old in (files_dir, simple_dir):
        shutil.rmtree(old, ignore_errors=True)
    os.makedirs(files_dir)
    os.makedirs(simple_dir)

    projects = {}
    for filename in sorted(os.listdir(args.dist)):
        path = os.path.join(args.dist, filename)
        if filename.endswith(".whl"):
            meta = wheel_metadata(path)
        elif filename.endswith(".tar.gz"):
            meta = sdist_metadata(path)
        else:
            continue
        with open(path, "rb") as f:
            data = f.read()
        write(os.path.join(files_dir, filename), data)
        fields = email.parser.BytesParser().parsebytes(meta, headersonly=True)
        project = normalize(fields["Name"])
        link = '<a href="%s"' % attr("../../files/" + filename + "#sha256=" + sha256(data))
        if fields["Requires-Python"] is not None:
            link += ' data-requires-python="%s"' % attr(fields["Requires-Python"])
        if filename.endswith(".whl"):
            write(os.path.join(files_dir, filename + ".metadata"), meta)
            link += ' data-dist-info-metadata="sha256=%s" data-core-metadata="sha256=%s"' % (sha256(meta), sha256(meta))
        if filename in yanked:
            link += ' data-yanked="%s"' % attr(yanked.pop(filename))
        link += ">%s</a>" % html.escape(filename)
        projects.setdefault(project, []).append(link)
    if yanked:
        raise SystemExit("--yank names files not in %s: %s" % (args.dist, ", ".join(sorted(yanked))))

    for project, links in projects.items():
        write(os.path.join(simple_dir, project, "index.html"),
              page("Links for " + project, links).encode("utf-8"))
    index = ['<a href="%s/">%s</a>' % (attr(p), html.escape(p)) for p in sorted(projects)]
    write(os.path.join(simple_dir, "index.html"), page("Simple index", index).encode("utf-8"))


if __name__ == "__main__":
    main()

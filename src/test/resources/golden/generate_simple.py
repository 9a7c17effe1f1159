#!/usr/bin/env python3
"""Regenerates the Simple API goldens in this directory: PEP 691 JSON with Python's json module,
PEP 503 HTML with Jinja2, and the ETags pypi.org would send for them.

Run: python3 generate_simple.py [OUTPUT_DIR]   (default: this directory)
Needs Jinja2 (Debian: apt-get install python3-jinja2).
index/GoldenGeneratorsTest runs this into a temporary directory and fails unless every file it
writes is byte-identical to the one committed here.

The pages are built from the data below the way Warehouse builds them (warehouse/packaging/utils.py
_simple_index and _simple_detail, as warehouse-http.md sections 2.3 to 2.6 describe them): files
sorted by (version, filename), the versions that have files, requires-python and yanked taken from
the release, "yanked" the reason when there is one and otherwise the flag. JSON is written as
Warehouse's "json-with-newline" renderer writes it: json.dumps(sort_keys=True, separators=(",", ":"),
ensure_ascii=False) plus a newline. HTML is rendered from templates/simple-*.html.j2 (written for
Cheeseshop, not copied from Warehouse) with autoescape on, as pypi.org renders it. Only the data is
written by hand; key order, escaping and byte form come from Python's json module and Jinja2.
The one difference from pypi.org is Cheeseshop's on purpose: file URLs are relative to the page
(../../packages/<path>) where pypi.org names its file host.

The data is what index/SimpleFixture gives index/SimpleJsonTest and index/SimpleHtmlTest.

Writes:
  simple-project.json  /simple/foo-bar/ as application/vnd.pypi.simple.v1+json
  simple-project.html  /simple/foo-bar/ as text/html
  simple-project-empty.json  /simple/reserved-name/, a project with no release (reserved, or every
                       release removed), as application/vnd.pypi.simple.v1+json: pypi.org
                       answers such a project's page with 200 and no files (warehouse-http.md 2.1)
  simple-project-empty.html  the same as text/html
  simple-index.json    /simple/ as application/vnd.pypi.simple.v1+json
  simple-index.html    /simple/ as text/html
  simple-etags.tsv     each page's ETag as pypi.org makes it (WebOb's md5_etag: the base64 MD5 of
                       the body without "=" padding, quoted), computed with hashlib and base64
"""
import base64
import datetime
import hashlib
import json
import os
import re
import sys
import urllib.parse

import jinja2

HERE = os.path.dirname(os.path.abspath(__file__))
API_VERSION = "1.4"

# One storage path for every file (the digests are made up, so the path is too).
PATH = "01/23/456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/"

PROJECT = {"name": "Foo.Bar", "last_serial": 7, "status": "active"}
# Requires-Python and the yank belong to a release; every file of it shows them.
RELEASES = {
    "0.9": {"requires_python": None, "yanked": False, "yanked_reason": None},
    "1.0": {"requires_python": "<4,>=3.8", "yanked": True,
            "yanked_reason": "bad \"build\" & <stuff> \u00e9\u2028\u0001"},
    "2.0": {"requires_python": None, "yanked": True, "yanked_reason": ""},
}
# In upload order; the page sorts them. Times are naive UTC, as Warehouse stores them.
FILES = [
    {"version": "2.0", "filename": "foo_bar-2.0.tar.gz", "sha256": "e" * 64, "size": 100,
     "upload_time": datetime.datetime(2025, 1, 2, 3, 4, 5, 100), "metadata_sha256": None},
    {"version": "0.9", "filename": "foo_bar-0.9.tar.gz", "sha256": "a" * 64, "size": 100,
     "upload_time": datetime.datetime(2024, 11, 6, 22, 37, 9, 220617), "metadata_sha256": None},
    {"version": "1.0", "filename": "foo_bar-1.0.tar.gz", "sha256": "c" * 64, "size": 3000,
     "upload_time": datetime.datetime(2024, 11, 7, 0, 0, 0, 500000), "metadata_sha256": None},
    {"version": "1.0", "filename": "foo_bar-1.0-py3-none-any.whl", "sha256": "b" * 64, "size": 4661,
     "upload_time": datetime.datetime(2024, 11, 6, 22, 37, 9), "metadata_sha256": "d" * 64},
]

# A project with no release (a reserved name): its page, with no files and no versions.
EMPTY_PROJECT = {"name": "Reserved.Name", "last_serial": 12, "status": "active"}

# The index listings: (display name, normalized name, last serial), and the journal's last serial.
# The JSON one lists "z\u00f6pe" to show non-ASCII output (pypi.org's names are ASCII: PEP 508).
JSON_INDEX = {"last_serial": 24888689, "projects": [("z\u00f6pe", "zope", 4), ("Foo.Bar", "foo-bar", 3075854)]}
HTML_INDEX = {"last_serial": 4, "projects": [("zope", "zope", 4), ("Foo.Bar", "foo-bar", 3)]}


def normalized(name):
    """PEP 503."""
    return re.sub(r"[-_.]+", "-", name).lower()


def version_key(version):
    """Enough of packaging_legacy's ordering for the plain release numbers above."""
    assert re.fullmatch(r"\d+(\.\d+)*", version), version
    return tuple(int(part) for part in version.split("."))


def url(path):
    """Cheeseshop's relative file URL; the path percent-encoded per segment, as Pyramid does."""
    return "../../packages/" + urllib.parse.quote(path, safe="/-._~!$&'()*+,;=:@")


def detail(project=PROJECT, files=FILES):
    """The project page's data, as _simple_detail makes it."""
    files = sorted(files, key=lambda f: (version_key(f["version"]), f["filename"]))
    versions = sorted({f["version"] for f in files}, key=version_key)
    out = []
    for f in files:
        release = RELEASES[f["version"]]
        metadata = {"sha256": f["metadata_sha256"]} if f["metadata_sha256"] else False
        out.append({
            "filename": f["filename"],
            "url": url(PATH + f["filename"]),
            "hashes": {"sha256": f["sha256"]},
            "requires-python": release["requires_python"] or None,
            "size": f["size"],
            "upload-time": f["upload_time"].isoformat() + "Z",
            "yanked": release["yanked_reason"] if release["yanked"] and release["yanked_reason"] else release["yanked"],
            "data-dist-info-metadata": metadata,
            "core-metadata": metadata,
            "provenance": None,
        })
    return {
        "meta": {"api-version": API_VERSION, "_last-serial": project["last_serial"]},
        "name": normalized(project["name"]),
        "project-status": {"status": project["status"]},
        "versions": versions,
        "files": out,
    }


def index(listing):
    """The index's data, as _simple_index makes it: by normalized name."""
    projects = sorted(listing["projects"], key=lambda p: p[1])
    return {
        "meta": {"api-version": API_VERSION, "_last-serial": listing["last_serial"]},
        "projects": [{"name": name, "_last-serial": serial} for name, _, serial in projects],
    }, [{"name": name, "normalized": norm} for name, norm, _ in projects]


def dumps(data):
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def etag(body):
    return '"' + base64.b64encode(hashlib.md5(body).digest()).decode("ascii").rstrip("=") + '"'


def html_page(env, page):
    """The PEP 503 page of a project page's data."""
    html_files = [{"url": f["url"], "sha256": f["hashes"]["sha256"], "filename": f["filename"],
                   "requires_python": f["requires-python"], "yanked": f["yanked"],
                   "metadata_sha256": f["core-metadata"] and f["core-metadata"]["sha256"]} for f in page["files"]]
    return env.get_template("simple-project.html.j2").render(
        api_version=API_VERSION, status=page["project-status"]["status"], name=page["name"],
        last_serial=page["meta"]["_last-serial"], files=html_files)


def main(out):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    page = detail()
    empty = detail(EMPTY_PROJECT, [])
    json_index, _ = index(JSON_INDEX)
    _, html_projects = index(HTML_INDEX)
    documents = {
        "simple-project.json": dumps(page),
        "simple-project.html": html_page(env, page),
        "simple-project-empty.json": dumps(empty),
        "simple-project-empty.html": html_page(env, empty),
        "simple-index.json": dumps(json_index),
        "simple-index.html": env.get_template("simple-index.html.j2").render(
            api_version=API_VERSION, projects=html_projects),
    }
    etags = []
    for filename, text in documents.items():
        body = text.encode("utf-8")
        with open(os.path.join(out, filename), "wb") as f:
            f.write(body)
        etags.append(f"{filename}\t{etag(body)}\n")
    with open(os.path.join(out, "simple-etags.tsv"), "w", encoding="utf-8", newline="") as f:
        f.writelines(etags)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else HERE)

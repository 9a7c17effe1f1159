#!/usr/bin/env python3
"""Regenerates the JSON API golden documents in this directory.

Run: python3 generate_json_api.py [OUTPUT_DIR]   (default: this directory; CPython 3.9+, standard
library only). index/GoldenGeneratorsTest runs this into a temporary directory and fails unless every
file it writes is byte-identical to the one committed here.

The documents are built the way Warehouse builds them (warehouse/legacy/api/json.py, _json_data,
at the snapshot in warehouse-http.md section 0) from the data JsonApiRendererTest puts in its read
model, and serialised the way its "json-with-newline" renderer does: json.dumps with
sort_keys=True, separators=(",", ":"), ensure_ascii=False, plus a newline. Only the data is
written by hand here; key order, escaping and byte form come from Python's json module, so the
goldens check the Java renderer against the real serialiser.

Writes:
  json-project.json         /pypi/Foo.Bar/json: latest 1.0; 1.10 yanked; 2.0rc1 without files
  json-release-yanked.json  /pypi/Foo.Bar/1.10/json: a yanked release, no "releases" key
  json-release-bare.json    /pypi/Foo.Bar/2.0rc1/json: no metadata at all, no files, downloads not counted

info.downloads: where downloads are counted, the project's downloads per UTC day (DAILY) summed over
the periods ending TODAY, today included: last_day 1 day, last_week 7, last_month 30; days after
TODAY count in none. Where they are not counted, -1 each, as pypi.org sends.
"""
import datetime
import json
import os
import sys

BASE = "https://pypi.example"


def hexrun(pair, n):
    return pair * n


def file_(filename, packagetype, python_version, size, digit, uploaded, comment, metadata_sha, release):
    md5, sha256, b2 = hexrun(digit + "1", 16), hexrun(digit + "2", 32), hexrun(digit + "3", 32)
    path = f"{b2[0:2]}/{b2[2:4]}/{b2[4:]}/{filename}"
    return {
        "filename": filename,
        "packagetype": packagetype,
        "python_version": python_version,
        "has_sig": False,
        "comment_text": comment,
        "md5_digest": md5,
        "digests": {"md5": md5, "sha256": sha256, "blake2b_256": b2},
        "core-metadata": {"sha256": metadata_sha} if metadata_sha else False,
        "size": size,
        "downloads": -1,
        "upload_time": uploaded.strftime("%Y-%m-%dT%H:%M:%S"),
        "upload_time_iso_8601": uploaded.isoformat() + "Z",
        "url": f"{BASE}/packages/{path}",
        "requires_python": release["requires_python"] or None,
        "yanked": release["yanked"],
        "yanked_reason": release["yanked_reason"] or None,
    }


def urls(release):
    out = {}
    if release.get("home_page"):
        out["Homepage"] = release["home_page"]
    if release.get("download_url"):
        out["Download"] = release["download_url"]
    for name, url in release.get("project_urls", {}).items():
        comp = "".join(c for c in name if c not in " \t\n\r\x0b\x0c!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").lower()
        if comp == "homepage" and url == out.get("Homepage"):
            continue
        if comp == "downloadurl" and url == out.get("Download"):
            continue
        out[name] = url
    return out


TODAY = datetime.date(2026, 3, 10)
DAILY = {
    datetime.date(2026, 3, 11): 19,  # after today: in no period
    datetime.date(2026, 3, 10): 3,
    datetime.date(2026, 3, 9): 5,
    datetime.date(2026, 3, 4): 7,    # 6 days ago: the last of the week
    datetime.date(2026, 3, 3): 11,   # 7 days ago: the month only
    datetime.date(2026, 2, 9): 13,   # 29 days ago: the last of the month
    datetime.date(2026, 2, 8): 17,   # 30 days ago: in no period
}


def downloads_over(days):
    return sum(n for day, n in DAILY.items() if 0 <= (TODAY - day).days < days)


COUNTED = {"last_day": downloads_over(1), "last_week": downloads_over(7), "last_month": downloads_over(30)}
UNCOUNTED = {"last_day": -1, "last_week": -1, "last_month": -1}


def info(release, downloads):
    project_url = f"{BASE}/project/Foo.Bar/"
    return {
        "name": "Foo.Bar",
        "version": release["version"],
        "summary": release.get("summary"),
        "description_content_type": release.get("description_content_type"),
        "description": release.get("description") or "",
        "keywords": release.get("keywords"),
        "license": release.get("license"),
        "license_expression": release.get("license_expression"),
        "license_files": release.get("license_files"),
        "classifiers": release.get("classifiers", []),
        "author": release.get("author"),
        "author_email": release.get("author_email"),
        "maintainer": release.get("maintainer"),
        "maintainer_email": release.get("maintainer_email"),
        "requires_python": release["requires_python"],
        "platform": release.get("platform"),
        "downloads": downloads,
        "package_url": project_url,
        "project_url": project_url,
        "project_urls": urls(release) or None,
        "release_url": f"{project_url}{release['version']}/",
        "requires_dist": release.get("requires_dist") or None,
        "provides_extra": release.get("provides_extra") or None,
        "docs_url": None,
        "bugtrack_url": None,
        "home_page": release.get("home_page"),
        "download_url": release.get("download_url"),
        "yanked": release["yanked"],
        "yanked_reason": release["yanked_reason"] or None,
        "dynamic": release.get("dynamic") or None,
    }


# What the upload form sent for 1.0, as Warehouse stores it: keywords re-joined with ", ",
# Requires-Python as str(SpecifierSet) ("<4,>=3.8" from ">= 3.8, <4"), classifiers in trove order,
# Dynamic title-cased, the first Platform only.
R10 = {
    "version": "1.0",
    "summary": "Foo, with bars",
    "description": "# Foo.Bar\n\nCaf\u00e9 \u2615 \x01 \"quoted\" \\ \U0001F600\n",
    "description_content_type": "text/markdown",
    "keywords": "web, http, api",
    "home_page": "https://foo.example",
    "author": "Ann Author",
    "author_email": "ann@example.org",
    "license_expression": "MIT",
    "license_files": ["LICENSE", "NOTICE"],
    "classifiers": ["License :: OSI Approved :: MIT License", "Programming Language :: Python :: 3.9",
                    "Programming Language :: Python :: 3.10"],
    "requires_dist": ["requests>=2", "rich; extra == \"cli\""],
    "requires_python": "<4,>=3.8",
    "project_urls": {"Homepage": "https://foo.example", "Source": "https://git.example/foo",
                     "Bug Tracker": "https://git.example/foo/issues"},
    "provides_extra": ["cli"],
    "dynamic": ["License-File"],
    "platform": "any",
    "yanked": False,
    "yanked_reason": None,
}
R110 = {"version": "1.10", "summary": "Broken", "requires_python": None, "yanked": True,
        "yanked_reason": "broken build"}
R20RC1 = {"version": "2.0rc1", "requires_python": None, "yanked": False, "yanked_reason": None}

F10 = [
    file_("foo_bar-1.0-py3-none-any.whl", "bdist_wheel", "py3", 1234, "1",
          datetime.datetime(2026, 1, 2, 3, 4, 5, 678), "built on CI", "14" * 32, R10),
    file_("foo_bar-1.0.tar.gz", "sdist", "source", 999, "2",
          datetime.datetime(2026, 1, 2, 3, 4, 6), None, None, R10),
]
F110 = [file_("foo_bar-1.10.tar.gz", "sdist", "source", 5, "3",
              datetime.datetime(2026, 2, 1, 0, 0, 0, 500000), None, None, R110)]

OWNERSHIP = {"roles": [{"role": "Owner", "user": "alice"}, {"role": "Maintainer", "user": "bob"}],
             "organization": None}


def document(release, files, releases=None, downloads=COUNTED):
    data = {"info": info(release, downloads), "urls": files, "vulnerabilities": [], "last_serial": 7,
            "ownership": OWNERSHIP}
    if releases is not None:
        data["releases"] = releases
    return data


OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as out:
        out.write(json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n")


write("json-project.json", document(R10, F10, {"1.0": F10, "1.10": F110, "2.0rc1": []}))
write("json-release-yanked.json", document(R110, F110))
write("json-release-bare.json", document(R20RC1, [], downloads=UNCOUNTED))

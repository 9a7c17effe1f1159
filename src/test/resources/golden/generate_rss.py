#!/usr/bin/env python3
"""Regenerates the RSS feed goldens in this directory with Jinja2.

Run: python3 generate_rss.py [OUTPUT_DIR]   (default: this directory)
Needs Jinja2 (Debian: apt-get install python3-jinja2).
index/GoldenGeneratorsTest runs this into a temporary directory and fails unless every file it
writes is byte-identical to the one committed here.

The feeds are pypi.org's as warehouse-http.md section 4 describes them: which items, in what
order, and what each element holds are chosen here in Python from the data below; the XML is
rendered by Jinja2 from templates/rss.xml.j2 (written for Cheeseshop, not copied from Warehouse)
with autoescape on, as pypi.org renders its templates. The data is what http/RssFeedsTest seeds
into a server whose public URL is https://PYPI.example.org (which it serves as BASE).

Writes:
  rss-updates.xml           /rss/updates.xml: the newest 100 releases, newest first
  rss-packages.xml          /rss/packages.xml: the newest 40 projects that have a release
  rss-project-releases.xml  /rss/project/foo-bar/releases.xml: Foo.Bar's newest 40 releases
  rss-project-empty.xml     /rss/project/empty-project/releases.xml: a project without releases
"""
import datetime
import email.utils
import os
import re
import sys

import jinja2

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = "https://pypi.example.org/"


def at(text):
    """An ISO 8601 UTC time ("...Z") as an aware datetime."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


# What RssFeedsTest seeds, in the order it seeds it. A project is created with its first release.
PROJECTS = [
    {"name": "Foo.Bar", "created": at("2023-06-15T12:30:45.999Z")},
    {"name": "Zope", "created": at("2024-02-29T08:09:10Z")},
    {"name": "Empty-Project", "created": at("2024-03-01T00:00:00Z")},
]
RELEASES = [
    {"project": "Foo.Bar", "version": "0.9", "summary": None, "author_email": "UNKNOWN",
     "created": at("2023-06-15T12:30:45.999Z")},
    {"project": "Foo.Bar", "version": "1.0", "summary": "A <b>\"fine\"</b> & 'tidy'\tpackage\u00e9\u2603",
     "author_email": "No Reply <noreply@example.org>, second@example.org", "created": at("2024-01-01T00:00:00.5Z")},
    {"project": "Zope", "version": "2.0", "summary": "", "author_email": "jim@zope.org",
     "created": at("2024-02-29T08:09:10Z")},
]


def normalized(name):
    """PEP 503."""
    return re.sub(r"[-_.]+", "-", name).lower()


def version_key(version):
    """Enough of PEP 440 ordering for the plain release numbers above."""
    assert re.fullmatch(r"\d+(\.\d+)*", version), version
    return tuple(int(part) for part in version.split("."))


def newest_first(rows):
    """By creation time, newest first; on a tie the later-seeded first."""
    return [row for _, row in sorted(enumerate(rows), key=lambda pair: (pair[1]["created"], pair[0]), reverse=True)]


def author(release):
    """<author>: every address parsed from Author-email, joined with ", "; none unless each has an "@".

    The rule of Warehouse's _format_author; ../rss/generate_author_emails.py holds it to many more
    inputs with a strict getaddresses."""
    emails = []
    for _, address in email.utils.getaddresses([release["author_email"] or ""]):
        if "@" not in address:
            return None
        emails.append(address)
    return ", ".join(emails)


def printable(value):
    """A description: characters below U+0020 removed (tabs and line breaks too); None stays None."""
    return "".join(c for c in value if ord(c) >= 32) if value else value


def rfc822(moment):
    """RFC 822 in GMT, whole seconds: Mon, 01 Jan 2024 00:00:00 GMT."""
    return email.utils.formatdate(moment.timestamp(), usegmt=True)


def project_url(name):
    return f"{BASE}project/{normalized(name)}/"


def release_item(release, title):
    return {"title": title, "link": f"{project_url(release['project'])}{release['version']}/", "guid": None,
            "summary": release["summary"], "author": author(release), "published": release["created"]}


def updates():
    items = [release_item(r, f"{r['project']} {r['version']}") for r in newest_first(RELEASES)[:100]]
    return {"title": "PyPI recent updates", "link": BASE,
            "description": "Recent updates to the Python Package Index"}, items


def packages():
    items = []
    for project in newest_first([p for p in PROJECTS if releases_of(p)])[:40]:
        highest = max(releases_of(project), key=lambda r: version_key(r["version"]))
        items.append({"title": f"{project['name']} added to PyPI", "link": project_url(project["name"]),
                      "guid": project_url(project["name"]), "summary": highest["summary"],
                      "author": author(highest), "published": project["created"]})
    return {"title": "PyPI newest packages", "link": BASE,
            "description": "Newest packages registered at the Python Package Index"}, items


def project_releases(name):
    project = next(p for p in PROJECTS if normalized(p["name"]) == normalized(name))
    items = [release_item(r, r["version"]) for r in newest_first(releases_of(project))[:40]]
    return {"title": f"PyPI recent updates for {project['name']}", "link": project_url(project["name"]),
            "description": f"Recent updates to the Python Package Index for {project['name']}"}, items


def releases_of(project):
    return [r for r in RELEASES if r["project"] == project["name"]]


def main(out):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["printable"] = printable
    env.filters["rfc822"] = rfc822
    template = env.get_template("rss.xml.j2")
    feeds = {
        "rss-updates.xml": updates(),
        "rss-packages.xml": packages(),
        "rss-project-releases.xml": project_releases("foo-bar"),
        "rss-project-empty.xml": project_releases("empty-project"),
    }
    for filename, (channel, items) in feeds.items():
        with open(os.path.join(out, filename), "w", encoding="utf-8", newline="") as f:
            f.write(template.render(channel=channel, items=items))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else HERE)

#!/usr/bin/env python3
"""Uploads one realistic project to a running Cheeseshop, for the web page benchmarks.

    python3 bench/seed_web_project.py URL USER PASSWORD NAME RELEASES

Standard library only, through /legacy/ as twine does (multipart, Basic auth). Each release gets
three files: a pure wheel, a platform wheel and an sdist (each small and valid: the wheels carry
METADATA, WHEEL and RECORD, the sdist a PKG-INFO), every one uploaded with the full metadata a
real project sends: a long Markdown description (about 9 KB: headings, lists, code, a table,
links), 14 classifiers, project URLs, author, licence, keywords and dependencies.
"""
import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
import zipfile

CLASSIFIERS = [
    "Development Status :: 5 - Production/Stable",
    "Environment :: Web Environment",
    "Intended Audience :: Developers",
    "License :: OSI Approved :: BSD License",
    "Operating System :: OS Independent",
    "Programming Language :: Python",
    "Programming Language :: Python :: 3",
    "Programming Language :: Python :: 3 :: Only",
    "Programming Language :: Python :: 3.9",
    "Programming Language :: Python :: 3.10",
    "Programming Language :: Python :: 3.11",
    "Programming Language :: Python :: 3.12",
    "Topic :: Internet :: WWW/HTTP :: Dynamic Content",
    "Topic :: Software Development :: Libraries :: Python Modules",
]


def description(name):
    parts = [f"# {name}\n\n[![CI](https://ci.example.org/{name}/badge.svg)](https://ci.example.org/{name})\n\n"
             f"`{name}` is a small, fast library for **benchmarks** & <things> that need a realistic "
             "description: this one is long enough to look like a popular project's README.\n"]
    for section in range(1, 9):
        parts.append(f"\n## Section {section}: usage and details\n\n")
        parts.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
                     "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
                     "laboris nisi ut aliquip ex ea commodo consequat. See <https://docs.example.org/> and "
                     f"[the guide](https://docs.example.org/{name}/guide/#section-{section}).\n\n")
        parts.append("* install it with pip\n* import it\n* call `run()` with your options\n"
                     "  * nested options are *fine*\n\n")
        parts.append(f"```python\nimport {name.replace('-', '_')}\n\n"
                     f"result = {name.replace('-', '_')}.run(size={section * 10}, verbose=True)\n"
                     "print(result.summary())  # <html> & \"quotes\"\n```\n\n")
        parts.append("| option | default | meaning |\n|---|---|---|\n| `size` | 10 | how many |\n"
                     "| `verbose` | False | print more |\n")
    parts.append("\n## Changelog\n\n" + "".join(f"* 1.{i}: fixes and improvements (#{100 + i})\n" for i in range(30)))
    return "".join(parts)


def metadata_text(name, version, text):
    lines = [f"Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
             "Summary: A realistic project for the web page benchmarks",
             "Home-page: https://example.org/bench", "Author: Bench Author",
             "Author-email: bench@example.org", "License: BSD-3-Clause", "Keywords: bench,web,pages",
             "Requires-Python: >=3.9", "Requires-Dist: requests (>=2.28)", "Requires-Dist: click (>=8)",
             "Project-URL: Documentation, https://docs.example.org/bench/",
             "Project-URL: Source, https://git.example.org/bench/"]
    lines += [f"Classifier: {c}" for c in CLASSIFIERS]
    lines += ["Description-Content-Type: text/markdown", "", text]
    return "\n".join(lines).encode()


def wheel(name, version, tag, meta):
    dist = name.replace("-", "_")
    info = f"{dist}-{version}.dist-info"
    files = {
        f"{dist}/__init__.py": f"VERSION = {version!r}\n".encode(),
        f"{info}/METADATA": meta,
        f"{info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: {tag}\n".encode(),
    }
    record = "".join(f"{p},sha256={base64.urlsafe_b64encode(hashlib.sha256(c).digest()).rstrip(b'=').decode()},"
                     f"{len(c)}\n" for p, c in files.items()) + f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path, content in files.items():
            z.writestr(zipfile.ZipInfo(path, (2020, 1, 1, 0, 0, 0)), content)
    return f"{dist}-{version}-{tag}.whl", "bdist_wheel", tag.split("-")[0], out.getvalue()


def sdist(name, version, meta):
    dist = name.replace("-", "_")
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as t:
        for path, content in {f"{dist}-{version}/PKG-INFO": meta,
                              f"{dist}-{version}/{dist}/__init__.py": f"VERSION = {version!r}\n".encode()}.items():
            info = tarfile.TarInfo(path)
            info.size = len(content)
            info.mtime = 1577836800
            t.addfile(info, io.BytesIO(content))
    return f"{dist}-{version}.tar.gz", "sdist", "source", out.getvalue()


def upload(url, user, password, name, version, text, dist):
    filename, filetype, pyversion, content = dist
    fields = [(":action", "file_upload"), ("protocol_version", "1"), ("metadata_version", "2.1"), ("name", name),
              ("version", version), ("filetype", filetype), ("pyversion", pyversion),
              ("summary", "A realistic project for the web page benchmarks"),
              ("home_page", "https://example.org/bench"), ("author", "Bench Author"),
              ("author_email", "bench@example.org"), ("license", "BSD-3-Clause"), ("keywords", "bench,web,pages"),
              ("requires_python", ">=3.9"), ("description", text), ("description_content_type", "text/markdown"),
              ("requires_dist", "requests (>=2.28)"), ("requires_dist", "click (>=8)"),
              ("project_urls", "Documentation, https://docs.example.org/bench/"),
              ("project_urls", "Source, https://git.example.org/bench/"),
              ("sha256_digest", hashlib.sha256(content).hexdigest())]
    fields += [("classifiers", c) for c in CLASSIFIERS]
    boundary = "----bench-boundary-7f3a"
    body = io.BytesIO()
    for key, value in fields:
        body.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\n{value}\r\n".encode())
    body.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"content\"; filename=\"{filename}\"\r\n"
               f"Content-Type: application/octet-stream\r\n\r\n".encode())
    body.write(content)
    body.write(f"\r\n--{boundary}--\r\n".encode())
    auth = base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(url.rstrip("/") + "/legacy/", data=body.getvalue(), method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Basic {auth}"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request) as response:
            if response.status != 200:
                raise SystemExit(f"upload of {filename}: {response.status}")
    except urllib.error.HTTPError as e:
        raise SystemExit(f"upload of {filename}: {e.code} {e.read()[:300]!r}")


def main():
    url, user, password, name, count = sys.argv[1:6]
    text = description(name)
    for i in range(int(count)):
        version = f"1.{i}"
        meta = metadata_text(name, version, text)
        for dist in (wheel(name, version, "py3-none-any", meta),
                     wheel(name, version, "cp312-cp312-manylinux_2_17_x86_64", meta),
                     sdist(name, version, meta)):
            upload(url, user, password, name, version, text, dist)


if __name__ == "__main__":
    main()

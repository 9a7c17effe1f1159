#!/usr/bin/env python3
"""Uploads one project with N wheels (one per version) to a running Cheeseshop, for benchmarks.

    python3 bench/seed_project.py URL USER PASSWORD NAME N

Standard library only. Each wheel is small and valid (METADATA, WHEEL, RECORD), so the server keeps
its METADATA for PEP 658 and the page carries data-core-metadata on every link.
"""
import base64
import hashlib
import io
import sys
import urllib.request
import zipfile


def wheel(name, version):
    dist = name.replace("-", "_")
    info = f"{dist}-{version}.dist-info"
    files = {
        f"{dist}/__init__.py": f"VERSION = {version!r}\n".encode(),
        f"{info}/METADATA": (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                             f"Summary: benchmark project\nRequires-Python: >=3.8\n").encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "".join(f"{p},sha256={base64.urlsafe_b64encode(hashlib.sha256(c).digest()).rstrip(b'=').decode()},"
                     f"{len(c)}\n" for p, c in files.items()) + f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path, content in files.items():
            z.writestr(zipfile.ZipInfo(path, (2020, 1, 1, 0, 0, 0)), content)
    return f"{dist}-{version}-py3-none-any.whl", out.getvalue()


def upload(url, user, password, name, version):
    filename, content = wheel(name, version)
    fields = {":action": "file_upload", "protocol_version": "1", "metadata_version": "2.1", "name": name,
              "version": version, "filetype": "bdist_wheel", "pyversion": "py3", "requires_python": ">=3.8",
              "sha256_digest": hashlib.sha256(content).hexdigest()}
    boundary = "----bench-boundary-7f3a"
    body = io.BytesIO()
    for key, value in fields.items():
        body.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\n{value}\r\n".encode())
    body.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"content\"; filename=\"{filename}\"\r\n"
               f"Content-Type: application/octet-stream\r\n\r\n".encode())
    body.write(content)
    body.write(f"\r\n--{boundary}--\r\n".encode())
    auth = base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(url.rstrip("/") + "/legacy/", data=body.getvalue(), method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": f"Basic {auth}"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request) as response:
        if response.status != 200:
            raise SystemExit(f"upload of {filename}: {response.status}")


def main():
    url, user, password, name, count = sys.argv[1:6]
    for i in range(int(count)):
        upload(url, user, password, name, f"1.{i}")


if __name__ == "__main__":
    main()

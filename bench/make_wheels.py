"""Writes small, valid wheels for the upload benchmark: one per project, at one version.

    python3 make_wheels.py OUT_DIR PREFIX COUNT VERSION
"""
import base64
import hashlib
import sys
import zipfile
from pathlib import Path


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def wheel(out, name, version):
    module = name.replace("-", "_")
    info = f"{module}-{version}.dist-info"
    files = {
        f"{module}/__init__.py": f"VERSION = {version!r}\n".encode(),
        f"{info}/METADATA": (f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                             f"Summary: benchmark wheel\n").encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "\n".join(record_line(p, d) for p, d in files.items()) + f"\n{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    target = out / f"{module}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files.items():
            z.writestr(path, data)


def main():
    out, prefix, count, version = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        wheel(out, f"{prefix}-{i:02d}", version)


if __name__ == "__main__":
    main()

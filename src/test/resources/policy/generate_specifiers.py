#!/usr/bin/env python3
"""Writes specifiers.tsv: whether packaging's SpecifierSet contains a version, pre-releases included.

Read by model/SpecifierSetTest, the expected values of model.SpecifierSet. Written with packaging
26.2 (pip install packaging==26.2; Debian's 23.0 answers a few '<' and '>' cases the older way):

    python3 generate_specifiers.py > specifiers.tsv

Each line: the specifier set, the version text, and true or false for
SpecifierSet(spec).contains(version, prereleases=True).
"""
import sys

import packaging
from packaging.specifiers import SpecifierSet

SPECIFIERS = [
    "", ">=2", ">= 2", "<2.20", "<=2.20", ">2", "==2.0", "==2", "!=2.0", "==2.*", "!=2.*", "==2.0.*",
    "==1.0.0.*", "~=2.2", "~=2.2.0", "~=1.4.5a4", "~=1.0.post1", "~=2.2.dev3", ">=2,<3", ">=1.0, !=1.5, <2",
    "<2.0", "<2.0rc1", ">2.0", ">2.0.post1", "==2.0+local", "==2.0+LOCAL.1", "<=2.0", ">=2.0a1",
    "==1!1.0", ">=1!0", "<1!0", "==1!1.*", "===2.0", "===2.0+local", "===latest", "===Latest",
    "==2.0.post1", "!=2.0.post1", ">0", "<100", "~=0.9", "==0.9.*,!=0.9.1",
    ">1.0a1", "<1.0.dev5", ">1.0.dev5",
    # spellings packaging accepts and reads in its own way
    "~=v1.4", "~=1.4-1", "~=1.0-1", "==V1.*", ">=v2", "~=1.4.5RC1", "~=1!1.0", "~=1.0.dev1", "==v1.0", "~=2.2.post3",
]

VERSIONS = [
    "2", "2.0", "2.0.0", "2.1", "2.2", "2.2.1", "2.3", "3.0", "1.9", "2.19", "2.20", "2.20.0", "2.21",
    "2.0a1", "2.0b2", "2.0rc1", "2.0rc2", "2.0.dev0", "2.0.dev3", "2.0.post1", "2.0.post1.dev2", "2.0.post2",
    "2.0+local", "2.0+local.1", "2.0+LOCAL.1", "1.9+local", "2.1+local", "2.0rc1+local",
    "1!1.0", "1!1.5", "1!0", "0!2.0", "1!2.0", "1.4.5", "1.4.5a4", "1.4.6", "1.5.0", "1.5",
    "1.0", "1.0.post1", "1.0.post2", "1.1", "2.2.dev3", "2.2.dev2", "2.2rc1",
    "0.9", "0.9.1", "0.9.2", "0.9.0rc1", "1.0a1", "1.0a2", "1.0a1+local", "1.0.dev5", "1.0.dev4", "1.0.dev6",
    "1.4.post1", "1!1.4", "1!2.0.1", "2.2.post4",
    "V2.0", "2.0-1", "2.0.RC1", "latest", "LATEST", "2.0.x", "1.0.0.0",
]


def main():
    if packaging.__version__ != "26.2":
        sys.exit(f"packaging 26.2 is needed, this is {packaging.__version__}")
    out = sys.stdout
    for spec in SPECIFIERS:
        parsed = SpecifierSet(spec)
        for version in VERSIONS:
            contains = parsed.contains(version, prereleases=True)
            out.write(f"{spec}\t{version}\t{'true' if contains else 'false'}\n")


if __name__ == "__main__":
    main()

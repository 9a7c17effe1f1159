#!/usr/bin/env python3
"""Regenerates the XML-RPC test fixtures in this directory from CPython and pydantic.

Run from this directory: python3 generate_fixtures.py  (CPython 3.11+, pydantic 2.13.x).
Writes:
  requests/NNN-<method>.xml  request bodies made by xmlrpc.client.dumps(args, method)
  requests/expected.tsv      file, method, and what Warehouse's validating mapper
                             answers for those args: "passes" or the -32602 faultString
  responses/<name>.xml       xmlrpc.client.dumps((value,), methodresponse=True, allow_none=True)
  floats.tsv                 IEEE-754 bits (hex) and repr() of doubles
The argument oracle replays warehouse/legacy/api/xmlrpc/views.py TypedMapplyViewMapper:
validate_call(fn)(request, *params) and the same error formatting.
"""
import os
import random
import struct
import xmlrpc.client as xc
from collections.abc import Mapping
from inspect import signature

from pydantic import StrictBool, StrictInt, StrictStr, ValidationError, validate_call


def changelog_last_serial(request): pass
def changelog_since_serial(request, serial: StrictInt): pass
def list_packages_with_serial(request): pass
def package_roles(request, package_name: StrictStr): pass
def user_packages(request, username: StrictStr): pass
def browse(request, classifiers: list[StrictStr]): pass
def multicall(request, args): pass
def changelog(request, since: StrictInt, with_ids: StrictBool = False): pass
def package_data(request, package_name, version): pass
def package_urls(request, package_name, version): pass
def top_packages(request, num: StrictInt | None = None): pass
def search(request, spec: Mapping[StrictStr, StrictStr | list[StrictStr]],
           operator: StrictStr = "and"): pass
def list_packages(request): pass
def package_releases(request, package_name: StrictStr, show_hidden: StrictBool = False): pass
def release_urls(request, package_name: StrictStr, version: StrictStr): pass
def release_data(request, package_name: StrictStr, version: StrictStr): pass


METHODS = {f.__name__: f for f in (
    changelog_last_serial, changelog_since_serial, list_packages_with_serial, package_roles,
    user_packages, browse, changelog, package_data, package_urls, top_packages, search,
    list_packages, package_releases, release_urls, release_data)}
METHODS["system.multicall"] = multicall


def oracle(fn, args):
    try:
        validate_call(fn)(object(), *args)
        return "passes"
    except ValidationError as exc:
        names = list(signature(fn).parameters.keys())
        return "client error; " + "; ".join(
            (names[e["loc"][0]] if isinstance(e["loc"][0], int) and e["loc"][0] < len(names)
             else str(e["loc"][0])) + ": " + e["msg"] for e in exc.errors())


CALLS = [
    ("changelog_last_serial", ()), ("changelog_last_serial", (1,)),
    ("changelog_last_serial", ("x", "y")),
    ("changelog_since_serial", ()), ("changelog_since_serial", (5,)),
    ("changelog_since_serial", ("x", "y")), ("changelog_since_serial", (1, 2)),
    ("changelog_since_serial", (True,)), ("changelog_since_serial", (5.0,)),
    ("changelog_since_serial", (None,)), ("changelog_since_serial", ("5",)),
    ("changelog_since_serial", (-1,)), ("changelog_since_serial", ("wrong!",)),
    ("changelog_since_serial", (b"5",)), ("changelog_since_serial", ([5],)),
    ("list_packages_with_serial", ()), ("list_packages_with_serial", (1,)),
    ("package_roles", ()), ("package_roles", ("Django",)), ("package_roles", (1,)),
    ("package_roles", ("x", "y")), ("package_roles", (b"x",)),
    ("package_roles", (xc.DateTime("20200101T00:00:00"),)), ("package_roles", (None,)),
    ("user_packages", ("alice",)), ("user_packages", (1,)), ("user_packages", ()),
    ("browse", ("x",)), ("browse", (1,)), ("browse", (None,)), ("browse", ({},)),
    ("browse", ([],)), ("browse", ([1, 2],)), ("browse", (["a", 1, "b", None],)),
    ("browse", (["Programming Language :: Python :: 3"],)),
    ("system.multicall", ()), ("system.multicall", ([],)), ("system.multicall", ("x",)),
    ("system.multicall", ("x", "y")),
    ("changelog", ()), ("changelog", (1,)), ("changelog", (1, 1)), ("changelog", (1, True)),
    ("changelog", ("wrong!", "also wrong!")),
    ("package_data", ()), ("package_data", (1,)), ("package_data", (1, 2)),
    ("package_data", (1, 2, 3)), ("package_urls", ("x", None)),
    ("top_packages", ()), ("top_packages", (None,)), ("top_packages", (5,)),
    ("top_packages", ("x",)), ("top_packages", (True,)), ("top_packages", (5, 6)),
    ("search", ("x",)), ("search", ({"name": "a"}, 5)), ("search", ({"name": "a"},)),
    ("search", ({"name": 1},)), ("search", ({"name": ["a", 1]},)), ("search", ({},)),
    ("search", ({"name": ["a", "b"], "version": "1"}, "or")), ("search", ()),
    ("list_packages", ()), ("list_packages", ("x",)),
    ("package_releases", ()), ("package_releases", ("x",)), ("package_releases", ("x", "y")),
    ("package_releases", ("x", True)), ("package_releases", ("x", 1)),
    ("release_urls", (1,)), ("release_urls", ("x", "1")), ("release_urls", (1, 2, 3)),
    ("release_data", ("x",)), ("release_data", ("x", "1.0")),
]

RESPONSES = {
    "int": 42, "int-negative": -7, "int-max": 2**31 - 1, "int-min": -2**31, "zero": 0,
    "true": True, "false": False, "nil": None,
    "string": "hello", "string-escapes": "a&b<c>d\"e'f", "string-empty": "",
    "string-unicode": "caf\u00e9 \u2603 \U0001F600", "string-whitespace": " \t\n x \n",
    "double": 1.5, "double-big": 1e22, "double-small": 1e-7, "double-negative": -0.1,
    "array-empty": [], "struct-empty": {},
    "array-nested": [1, [2, [3, []]], "x"],
    "array-with-nil": ["a", None, "b", None],
    "struct": {"b": 1, "a": "two", "c": [None, True], "&<>": {}},
    "changelog": [["Django", "5.0", 1701280908, "new release", 4601225],
                  ["demo", None, 1701280909, "create", 4601226],
                  ["demo", None, 1701280909, "add Owner alice", 4601227]],
    "roles": [["Owner", "alice"], ["Maintainer", "bob"]],
    "packages-with-serial": {"Django": 4601225, "demo": 4601227, "a-b_c.d": 1},
    "base64-empty": b"", "base64-short": b"hi", "base64-long": bytes(range(256)),
    "datetime": xc.DateTime("20200102T03:04:05"),
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(os.path.join(here, "requests"), exist_ok=True)
    os.makedirs(os.path.join(here, "responses"), exist_ok=True)
    lines = []
    for i, (method, args) in enumerate(CALLS):
        name = f"{i:03d}-{method}.xml"
        with open(os.path.join(here, "requests", name), "w", encoding="utf-8", newline="") as f:
            f.write(xc.dumps(args, method, allow_none=True))
        lines.append(f"{name}\t{method}\t{oracle(METHODS[method], args)}\n")
    with open(os.path.join(here, "requests", "expected.tsv"), "w", newline="") as f:
        f.writelines(lines)
    for name, value in RESPONSES.items():
        with open(os.path.join(here, "responses", name + ".xml"), "w", encoding="utf-8",
                  newline="") as f:
            f.write(xc.dumps((value,), methodresponse=True, allow_none=True))
    for name, (code, text) in {"fault-parse": (-32700, "parse error; not well formed"),
                               "fault-escapes": (-32500, "RuntimeError: a < b && c > d"),
                               "fault-client": (-32602, "client error; serial: Input should "
                                                "be a valid integer")}.items():
        with open(os.path.join(here, "responses", name + ".xml"), "w", encoding="utf-8",
                  newline="") as f:
            f.write(xc.dumps(xc.Fault(code, text), methodresponse=True, allow_none=True))
    rnd = random.Random(20260821)
    values = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 100.0, 1e15, 1e16, 1e17, 1e22, 1e-4, 1e-5,
              1e-7, 123456789.125, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
              2.0**53, 2**53 + 2.0, 9007199254740993.0, 0.3, 2.0 / 3, 1e23, 8.41e21, 5e-310,
              float("inf"), float("-inf"), float("nan")]
    for _ in range(1500):
        values.append(struct.unpack("<d", struct.pack("<Q", rnd.getrandbits(64)))[0])
    for _ in range(500):
        values.append(round(rnd.uniform(-1e6, 1e6), rnd.randint(0, 6)))
    for _ in range(300):
        values.append(rnd.randint(1, 9) * 10.0 ** rnd.randint(-30, 30))
    for _ in range(200):
        values.append(2.0 ** rnd.randint(-1074, 1023))
    with open(os.path.join(here, "floats.tsv"), "w", newline="") as f:
        for v in values:
            bits = struct.unpack("<Q", struct.pack("<d", v))[0]
            f.write(f"{bits:016x}\t{v!r}\n")


if __name__ == "__main__":
    main()

"""Regenerates author-emails.jsonl: what pypi.org puts in an RSS item's <author> for an Author-email.

Run with a Python whose email.utils.getaddresses is strict by default (3.13+, or a release with the
2024 security fix: email.utils.supports_strict_parsing), as pypi.org's is:
    python3 generate_author_emails.py > author-emails.jsonl
The rule is warehouse/rss/views.py's _format_author: every parsed address must contain "@"; they
are joined with ", "; otherwise there is no <author>.
"""
import json
import sys
from email import utils

assert getattr(utils, "supports_strict_parsing", False), "needs a strict getaddresses"

CASES = [
    None, "", "UNKNOWN", "noreply@pypi.org, UNKNOWN", "noreply@pypi.org", "No Reply <noreply@pypi.org>",
    "noreply@pypi.org,noreply@pypi.org , No Reply <noreply@pypi.org>,  <noreply@pypi.org>",
    "a@b.c,", "a@b.c, ", ",a@b.c", "a@b.c,,d@e.f", '"Doe, John" <j@d.org>', "John (comment) <j@d.org>",
    "j@d.org (John Doe)", "a@b.c; d@e.f", "a@b.c d@e.f", "<a@b.c", "a b@c.d", "@", "x@", "A <a@b.c>, B <>",
    "Jane Doe <jane@doe>", "a@b.c <d@e.f>", 'j"x"@d.org', '"quoted"@d.org', '"q\\"x"@d.org',
    "  spaced@d.org  ", "a@b.c\r\n", "a@b.c\nd@e.f", "\u00e9 <\u00e9@\u00e9.fr>", "a @ b.c", "a . b@c.d",
    "<a@b.c> trailing", "Name <a@b.c> (c)", "g: a@b.c, d@e.f;", "a.@b.c", "[a@b.c]", "a@[1.2.3.4]",
    "a@b@c.d", "<@route:a@b.c>", "(unclosed a@b.c", "a@b.c)", "\"unclosed a@b.c", "a\\@b.c", "a@b.c (x (y) z)",
    "Tom & Jerry <tj@example.org>", "<a&b@example.org>", "a@b.c\x01", "tab\t<t@t.t>", "a@b.c\td@e.f",
    "Alice <alice@example.org>, \"Bob, Jr.\" <bob@example.org>", "alice@example.org bob", ";", "::", "<>",
]


def author(value):
    emails = []
    for _, address in utils.getaddresses([value or ""]):
        if "@" not in address:
            return None
        emails.append(address)
    return ", ".join(emails)


for case in CASES:
    print(json.dumps({"author_email": case, "author": author(case)}, ensure_ascii=False))

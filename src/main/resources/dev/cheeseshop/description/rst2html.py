# Renders reStructuredText read on stdin (UTF-8) to an HTML body fragment on stdout, with the
# settings and the translator of readme_renderer's rst.py (what pypi.org shows), on Debian's
# python3-docutils. Run by dev.cheeseshop.description.RstRenderer as `python3 -I` in an empty
# directory with an empty environment. Exit status: 0 rendered; 3 docutils refused the text (a
# warning or worse, halt_level 2), the first line of its message on stderr; 4 nothing rendered.
# The output is not trusted: the Java side sanitises it like every description.
import io
import sys

from docutils.core import publish_parts
from docutils.utils import SystemMessage
from docutils.writers.html4css1 import HTMLTranslator, Writer


class ReadMeHTMLTranslator(HTMLTranslator):
    # No <object> for SVG images, an <img> as for any other image.
    object_image_types = {}

    def emptytag(self, node, tagname, suffix="\n", **attributes):
        # Keep an image's width and height, as readme_renderer does.
        if tagname == "img":
            if "width" in node:
                attributes["width"] = node["width"]
            if "height" in node:
                attributes["height"] = node["height"]
        return super().emptytag(node, tagname, suffix, **attributes)


SETTINGS = {
    "cloak_email_addresses": True,
    "doctitle_xform": True,
    "sectsubtitle_xform": True,
    "initial_header_level": 2,
    "file_insertion_enabled": False,
    "halt_level": 2,
    "math_output": "MathJax",
    "raw_enabled": False,
    "report_level": 5,
    "smart_quotes": True,
    "strip_comments": True,
    "syntax_highlight": "short",
    "field_name_limit": 0,
    # Not readme_renderer's: no configuration file is read (docutils.conf, ~/.docutils, /etc).
    "_disable_config": True,
}


def main():
    source = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    settings = dict(SETTINGS)
    settings["warning_stream"] = io.StringIO()
    writer = Writer()
    writer.translator_class = ReadMeHTMLTranslator
    try:
        parts = publish_parts(source, writer=writer, settings_overrides=settings)
    except SystemMessage as e:
        message = str(e).strip().splitlines()
        sys.stderr.write((message[0] if message else "a docutils error") + "\n")
        return 3
    rendered = parts.get("docinfo", "") + parts.get("fragment", "")
    if not rendered:
        sys.stderr.write("no output rendered\n")
        return 4
    sys.stdout.buffer.write(rendered.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

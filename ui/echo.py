"""Echoing what a link or a file said inside the app's own notices, which are Markdown.

A value repeated in a notice must read as the text it was, whatever it holds: in a notice
`[click](https://...)` would be a working link, `![x](...)` an image the browser fetches,
and a 10 kB value a wall of text. Its own module because every layer of ui/ echoes values
(the language switch, presenter mode, lessons, controls, pages), and ui/i18n.py, which the
others import, may not import them back.
"""
import re
import unicodedata

LIMIT = 40  # characters: enough to recognise a value, never a wall of text

# Everything Streamlit's Markdown reads mid-line: emphasis and code, links and images, HTML
# and <autolinks>, maths ($), strikethrough (~), tables (|), :material/icons: and :red[colour]
# directives, &entities; and e-mail addresses (@).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|$~:&@])")
# GFM turns http://..., www.... and a@b.org into links after escapes are read, so a backslash
# does not stop it: a zero-width space inside each breaks the pattern and stays invisible.
_AUTOLINK = re.compile(r"(?i)(:)(//)|(www)(\.)|(@)")
ZWSP = "\u200b"
_LEAD = re.compile(r"^(\d{1,9})([.)])(?!\S)|^([-+=])(?![\w.])")  # a list, rule or heading
_BLANK = {"Cc", "Cf", "Cs", "Zl", "Zp"}   # controls, bidi overrides, lone surrogates, breaks


def literal(raw: object, limit: int = LIMIT) -> str:
    """`raw` as Markdown that renders as its own characters on one line: control characters
    and line breaks become spaces, runs of spaces one, the text is cut to `limit` characters
    (with "…"), every character Markdown gives a meaning is backslash-escaped, and what GFM
    would link by itself (http://, www., an @) gets an invisible break."""
    text = "".join(" " if unicodedata.category(ch) in _BLANK else ch for ch in str(raw))
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit] + "…"
    text = _AUTOLINK.sub(lambda m: (m[1] or m[3] or "") + ZWSP + (m[2] or m[4] or m[5]), text)
    text = _SPECIAL.sub(r"\\\1", text)
    return _LEAD.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)

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
# directives (also the colon of an http:// that GFM would link), &entities; and e-mail links (@).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|$~:&@])")
_WWW = re.compile(r"(?i)(www)\.")  # GFM links www.example.org, even after _ or *
_LEAD = re.compile(r"^(\d{1,9})([.)])(?!\S)|^([-+=])(?![\w.])")  # a list, rule or heading
_BLANK = {"Cc", "Cf", "Cs", "Zl", "Zp"}   # controls, bidi overrides, lone surrogates, breaks


def literal(raw: object, limit: int = LIMIT) -> str:
    """`raw` as Markdown that renders as its own characters on one line: control characters
    and line breaks become spaces, runs of spaces one, the text is cut to `limit` characters
    (with "…") and every character Markdown gives a meaning is backslash-escaped."""
    text = "".join(" " if unicodedata.category(ch) in _BLANK else ch for ch in str(raw))
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit] + "…"
    text = _SPECIAL.sub(r"\\\1", text)
    text = _WWW.sub(r"\1\\.", text)
    return _LEAD.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)

"""Markdown that people write, reduced to a safe subset before it is published.

A terugblik (the write-up of a themabijeenkomst for the website and the newsletter)
is Markdown by design: the secretary writes paragraphs, emphasis, lists and links.
Escaping it like other text from the data (:func:`waterketen_cli.escape.markdown`)
would show that markup literally; passing it on as it stands would let raw HTML, a
``javascript:`` link or an image from elsewhere into a public page. So the text is
parsed as CommonMark (markdown-it, raw HTML off) and written anew, construct by
construct, keeping only:

- paragraphs, line breaks, emphasis, strong emphasis, code spans and code blocks;
- bullet and numbered lists, block quotes and thematic breaks;
- headings, moved so that the text's highest one is at ``kopniveau`` (the document
  keeps its own title and sections), the others below it as in the text;
- links to ``http:``, ``https:`` and ``mailto:`` addresses.

Everything else becomes its text, escaped for Markdown as all data is: raw HTML
(``<script>`` stays that text), a link to anything else (only its text is kept), an
image (only its description: a public page loads nothing from third parties),
reference definitions (resolved by the parser; the link is kept or dropped like any
other). Each piece of text is escaped on its own and the structure between the
pieces is written here, so that no combination of pieces can make markup that the
subset does not allow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from waterketen_cli import escape

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

#: The schemes a link may have; any other link keeps only its text.
SCHEMES = frozenset({"http", "https", "mailto"})

_REGELEINDE = re.compile("\r\n|[" + escape.REGELEINDEN + "]")
#: Control characters other than tab and line feed (the line breaks are made ``\n`` first).
_STUURTEKEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: What a link destination may not hold as it stands (written percent-encoded).
_IN_ADRES = re.compile(r"[\s<>\\`]")


def subset(text: str, *, kopniveau: int = 3) -> escape.Markdown:
    """``text`` as Markdown of the safe subset (see the module docstring); the text's
    highest heading becomes a heading of level ``kopniveau``."""
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    clean = _STUURTEKEN.sub("", _REGELEINDE.sub("\n", text))
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    tree = SyntaxTreeNode(parser.parse(clean))
    # The text's highest heading becomes ``kopniveau``, the others keep their distance.
    hoogste = min((int(n.tag[1:]) for n in tree.walk() if n.type == "heading"), default=1)
    return escape.Markdown(_join_blocks(_blocks(tree.children, kopniveau - hoogste + 1)))


def _join_blocks(blocks: Sequence[str]) -> str:
    return "\n\n".join(b for b in blocks if b)


def _blocks(nodes: Sequence[SyntaxTreeNode], h1: int) -> list[str]:
    out: list[str] = []
    previous = ""
    for node in nodes:
        # Two lists in a row stay two lists only with another marker.
        out.append(_block(node, h1, after=previous))
        previous = node.type
    return out


def _block(node: SyntaxTreeNode, h1: int, *, after: str = "") -> str:
    kind = node.type
    if kind == "paragraph":
        return _inline_of(node)
    if kind == "heading":
        level = min(6, h1 - 1 + int(node.tag[1:]))  # h1: the level of a '#'
        text = _inline_of(node).replace("\n", " ").strip()
        return f"{'#' * level} {text}" if text else ""
    if kind == "bullet_list":
        marker = "*" if after == "bullet_list" else "-"
        return "\n".join(_item(item, marker, h1) for item in node.children)
    if kind == "ordered_list":
        delimiter = ")" if after == "ordered_list" else "."
        start = int(str(node.attrs.get("start", 1)))
        return "\n".join(
            _item(item, f"{start + i}{delimiter}", h1) for i, item in enumerate(node.children)
        )
    if kind == "blockquote":
        inner = _join_blocks(_blocks(node.children, h1))
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
    if kind in ("fence", "code_block"):
        return _code_block(node.content)
    if kind == "hr":
        return "---"
    # Anything else (raw HTML is off, so there is none): its text, escaped.
    return str(escape.markdown(node.content))


def _item(node: SyntaxTreeNode, marker: str, h1: int) -> str:
    """A list item: its blocks under the marker, the lines after the first indented."""
    parts: list[str] = []
    for i, child in enumerate(node.children):
        text = _block(child, h1)
        if not text:
            continue
        if parts:
            # A nested list right after the item's text keeps a tight list tight; any
            # other block gets a blank line (a rule right under text would make it a
            # heading).
            tight = child.type == "bullet_list" or (
                child.type == "ordered_list" and int(str(child.attrs.get("start", 1))) == 1
            )
            parts.append("\n" if tight and node.children[i - 1].type == "paragraph" else "\n\n")
        parts.append(text)
    body = "".join(parts)
    if not body:
        return marker
    indent = " " * (len(marker) + 1)
    lines = body.split("\n")
    rest = [f"{indent}{line}" if line else "" for line in lines[1:]]
    return "\n".join([f"{marker} {lines[0]}", *rest])


def _code_block(content: str) -> str:
    """A fenced code block: shown exactly, never markup; the fence is longer than any
    run of backticks in the code, so nothing in it can close the block."""
    code = content.rstrip("\n")
    runs = [len(r) for r in re.findall("`+", code)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return f"{fence}\n{code}\n{fence}" if code else f"{fence}\n{fence}"


def _inline_of(node: SyntaxTreeNode) -> str:
    """The inline content of a paragraph or heading."""
    return "".join(_inlines(child.children, in_link=False) for child in node.children)


def _inline(node: SyntaxTreeNode, *, in_link: bool = False) -> str:
    kind = node.type
    if kind == "text":
        return _text(node.content, in_link=in_link)
    if kind == "softbreak":
        return "\n"
    if kind == "hardbreak":
        return "\\\n"
    if kind == "code_inline":
        return str(escape.markdown_code(node.content))
    if kind in ("em", "strong"):
        inner = _inlines(node.children, in_link=in_link)
        mark = "*" if kind == "em" else "**"
        return f"{mark}{inner}{mark}" if inner.strip() else inner
    if kind == "link":
        inner = _inlines(node.children, in_link=True)
        adres = _adres(str(node.attrs.get("href", "")))
        if adres is None or in_link:
            return inner
        return f"[{inner or _text(adres, in_link=True)}](<{adres}>)"
    if kind == "image":
        # Its description only: a public page loads nothing from elsewhere.
        return _inlines(node.children, in_link=in_link)
    return _text(node.content, in_link=in_link)


def _inlines(nodes: Sequence[SyntaxTreeNode], *, in_link: bool) -> str:
    out = ""
    for node in nodes:
        piece = _inline(node, in_link=in_link)
        if piece.startswith("[") and out.endswith("!"):
            out = out[:-1] + "\\!"  # text '!' before a link would make it an image
        out += piece
    return out


def _text(content: str, *, in_link: bool) -> str:
    """Plain text, escaped; in a link's text every bracket too (one would end it)."""
    if not in_link:
        return str(escape.markdown(content))
    parts = re.split(r"([\[\]])", content)
    return "".join("\\" + p if p in ("[", "]") else str(escape.markdown(p)) for p in parts if p)


def _adres(href: str) -> str | None:
    """A link's address as it may be written, or None when the link is not allowed."""
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    if scheme not in SCHEMES:
        return None
    return _IN_ADRES.sub(lambda m: quote(m.group(), safe=""), href)

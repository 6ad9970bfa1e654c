"""Text from the data, escaped for the format it goes into: one helper per format.

Every generated file that shows text from the records escapes it here, at the
boundary of its format, so that a title, a name or a description is shown as the
text it is and never read as structure of the file:

- **Markdown** (the documents; GitHub, GitLab and a website render them):
  :func:`markdown` for text that may have paragraphs, :func:`markdown_regel` for one
  line (a heading, a list item), :func:`markdown_cel` for a table cell,
  :func:`markdown_code` for a code span.
  ``render`` applies :func:`markdown` to every ``{{ value }}`` of a Markdown template
  that is not :class:`Markdown` already.
- **Mermaid** text inside the double quotes of a chart (:func:`mermaid`).
- **YAML** scalars (:func:`yaml`), and the two CI dialects on top of YAML that
  evaluate text themselves (:func:`github_actions`, :func:`gitlab_ci`).
- a **shell** word (:func:`shell`), **CODEOWNERS** comments
  (:func:`codeowners_commentaar`) and **iCalendar** text (:func:`icalendar_tekst`;
  icalendar escapes ``;``, ``,``, ``\\`` and line breaks itself, but not the other
  control characters).

The Markdown rules (CommonMark 0.31 with GitHub's tables, strikethrough and math).
Only what can start markup is escaped, so that ordinary Dutch text stays readable in
the Markdown source ("Hoogezand-Sappemeer", "€ 1.250,50", "13.30 uur", "fase 1 … 3"
get no backslash):

- anywhere: ``\\`` before ASCII punctuation or at the end of a line (an escape, or a
  hard line break); `````, ``*``, ``~`` and ``$`` (code, emphasis, strikethrough,
  math); ``|`` in a table cell, and elsewhere in a line of only pipes, dashes and
  colons (the row that makes a table of the line above); ``_`` unless between two
  letters or digits (``snake_case`` cannot open emphasis); ``]`` before ``(``, ``[``
  or ``:`` (a link or image, a reference); ``<`` always, as ``&lt;`` (raw HTML,
  comments, autolinks; an entity works in every Markdown dialect, a backslash before
  ``<`` does not); ``&`` that starts an entity reference, as ``&amp;``
  (``&lt;script&gt;`` stays that text);
- at the start of a line (the start of the value counts, as the template may put it
  there): ``#`` to ``######`` before a space (a heading), ``-`` or ``+`` before a
  space (a list item), ``1.`` or ``1)`` before a space (a numbered item), ``>`` (a
  quote), ``[`` (a link reference definition, a task-list box), and a line of only
  ``-`` or ``=`` (a rule, or an underline that makes the line above a heading);
- whitespace: leading spaces and tabs of a line are dropped, or for the first line
  kept as one space (four would make a code block); trailing ones likewise (two
  would make a hard line break); control characters are dropped, line breaks of any
  kind become ``\\n``.

What is left and is not markup: a bare ``https://…`` becomes a link on GitHub (its
visible text unchanged), ``@naam`` and ``#12`` are GitHub references, ``:smile:`` an
emoji.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

from markupsafe import Markup

__all__ = [
    "Markdown",
    "codeowners_commentaar",
    "een_regel",
    "github_actions",
    "gitlab_ci",
    "icalendar_tekst",
    "markdown",
    "markdown_cel",
    "markdown_code",
    "markdown_regel",
    "mermaid",
    "shell",
    "yaml",
]

# --- shared ---------------------------------------------------------------------------

#: Line breaks as Python's ``str.splitlines`` knows them (CommonMark only knows the
#: first two, but other programs split on the rest).
REGELEINDEN = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

_REGELEINDE = re.compile("\r\n|[" + REGELEINDEN + "]")
#: Control characters (Unicode category Cc) other than tab and the line breaks.
_STUURTEKEN = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
#: What folds into one space on a single line: spaces, tabs, line breaks and control
#: characters; not the no-break space of an amount ("€ 1.250,50").
_SCHEIDING = re.compile("[\x00-\x20\x7f-\x9f\u2028\u2029]+")


def een_regel(value: Any) -> str:
    """The text on one line: every run of spaces, tabs, line breaks and control
    characters becomes one space; no space at either end."""
    return _SCHEIDING.sub(" ", str(value)).strip(" ")


def _regels(value: Any) -> list[str]:
    """The lines of a text: line breaks of any kind, control characters dropped."""
    return _STUURTEKEN.sub("", _REGELEINDE.sub("\n", str(value))).split("\n")


# --- Markdown ---------------------------------------------------------------------------


class Markdown(Markup):
    """Markdown that is safe as it stands: escaped text from the data, or a template's
    own text. Text joined to it, or formatted into it (``+``, ``%``, ``join``,
    ``format``), is escaped for Markdown; :class:`markupsafe.Markup` would escape it
    for HTML only, which leaves ``*``, ``[x](…)`` and ``# `` as markup."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Markdown:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(_markdown(s))


_BLOK = re.compile(
    r"""
    (?P<kop>\#{1,6}(?=[ \t]|$))             # a heading
    |(?P<lijst>[-+](?=[ \t]|$))             # a list item
    |(?P<nummer>[0-9]{1,9})(?=[.)](?:[ \t]|$))  # a numbered item
    |(?P<streep>[-=](?=[-= \t]*$))          # a rule, or a heading's underline
    |(?P<citaat>>)                          # a quote
    |(?P<haak>\[)                           # a reference definition, a task box
    """,
    re.VERBOSE,
)
_INLINE = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)|[`*~$]|<|&(?=\#?[0-9A-Za-z]+;)|_|\](?=[(\[:])")
#: In a table cell every ``|`` ends the cell; elsewhere only a line of pipes and
#: dashes means anything (the delimiter row that makes the line above a table).
_INLINE_CEL = re.compile(_INLINE.pattern + r"|\|")
_SCHEIDINGSRIJ = re.compile(r"[ \t|:-]*\|[ \t|:-]*")
#: A line that needs nothing: no character that can start inline markup, and a first
#: character that cannot start a block.
_GEWOON = re.compile(
    r"[^\\`*~$|<&_\]\s#>\[+=0-9-][^\\`*~$|<&_\]\x00-\x1f\x7f-\x9f\u2028\u2029]*(?<![ \t])"
)


def _inline(match: re.Match[str]) -> str:
    teken = match.group()
    if teken == "<":
        return "&lt;"
    if teken == "&":
        return "&amp;"
    if teken == "_":
        text, i = match.string, match.start()
        if 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            return "_"
    return "\\" + teken


def _regel(line: str, *, eerste: bool, laatste: bool, cel: bool = False) -> str:
    """One line, escaped. The first line keeps one space of its indentation and the
    last one of its trailing whitespace: the value may stand after or before other
    text on its line."""
    if _GEWOON.fullmatch(line):
        return line
    inhoud = line.lstrip(" \t")
    voor = " " if eerste and len(inhoud) < len(line) else ""
    kern = inhoud.rstrip(" \t")
    na = " " if laatste and len(kern) < len(inhoud) and kern else ""
    if not kern:
        return voor if (eerste and laatste) else ""
    blok = _BLOK.match(kern)
    prefix = ""
    if blok is not None:
        if blok.lastgroup == "nummer":
            prefix = blok.group() + "\\" + kern[blok.end()]
        else:
            prefix = "\\" + blok.group()
        kern = kern[len(prefix) - 1 :]
    inline = _INLINE_CEL if cel or _SCHEIDINGSRIJ.fullmatch(kern) else _INLINE
    return voor + prefix + inline.sub(_inline, kern) + na


def _markdown(value: Any) -> str:
    text = str(value)
    if _GEWOON.fullmatch(text):
        return text
    lines = _regels(text)
    last = len(lines) - 1
    return "\n".join(_regel(line, eerste=i == 0, laatste=i == last) for i, line in enumerate(lines))


#: A ``|`` that no backslash escapes (an even number of backslashes before it).
_KALE_PIJP = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def markdown(value: Any) -> Markdown:
    """Text from the data for Markdown, as its own paragraphs: escaped line by line,
    blank lines kept. What is already :class:`~markupsafe.Markup` stays as it is."""
    if hasattr(value, "__html__"):
        return Markdown(value)
    return Markdown(_markdown(value))


def markdown_regel(value: Any) -> Markdown:
    """Text from the data on one Markdown line (a heading, a list item): line breaks
    become spaces. Markup that is already escaped is only folded."""
    if hasattr(value, "__html__"):
        return Markdown(een_regel(value.__html__()))
    text = een_regel(value)
    return Markdown(_regel(text, eerste=True, laatste=True) if text else "")


def markdown_cel(value: Any) -> Markdown:
    """Text from the data in a table cell: on one line, and every ``|`` escaped (it
    would end the cell), also in Markup that is already escaped."""
    if hasattr(value, "__html__"):
        return Markdown(_KALE_PIJP.sub(r"\1\\|", een_regel(value.__html__())))
    text = een_regel(value)
    return Markdown(_regel(text, eerste=True, laatste=True, cel=True) if text else "")


def markdown_code(value: Any) -> Markdown:
    """Text as a code span (a file name, an address): shown exactly, never markup.
    Not for a table cell (a ``|`` would end the cell) and not at the start of a line
    (three backticks there open a code block)."""
    text = een_regel(value.__html__() if hasattr(value, "__html__") else value)
    if not text:
        return Markdown("")
    runs = [len(r) for r in re.findall("`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    return Markdown(f"{fence}{pad}{text}{pad}{fence}")


def mermaid(value: Any) -> Markup:
    """Text inside the double quotes of a Mermaid chart in a code block, which cannot
    hold a double quote or a line break."""
    return Markup(een_regel(value).replace('"', "'"))


# --- YAML and CI -------------------------------------------------------------------------

#: Plain (unquoted) only what no YAML reader can take for anything but this text.
_YAML_KAAL = re.compile(r"[A-Za-z][A-Za-z0-9._/:@+~=-]*")
_YAML_WOORDEN = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_YAML_KORT = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
#: Characters a double-quoted YAML scalar must escape: not printable in YAML, or a
#: line break to a YAML 1.1 reader (PyYAML).
_YAML_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')


def yaml(value: Any) -> str:
    """A YAML scalar that reads back as exactly this text: plain when that is
    unambiguous (``v0.1.0``, ``https://…``), else double-quoted with escapes."""
    text = str(value)
    if _YAML_KAAL.fullmatch(text) and not text.endswith(":") and text.lower() not in _YAML_WOORDEN:
        return text
    return (
        '"'
        + _YAML_ESCAPE.sub(lambda m: _YAML_KORT.get(m.group(), f"\\u{ord(m.group()):04x}"), text)
        + '"'
    )


def github_actions(value: Any) -> str:
    """A YAML scalar in a GitHub Actions workflow: ``${{`` would start an expression
    that GitHub evaluates (a secret, a command), so it is written as one that gives
    those three characters back."""
    return yaml(str(value).replace("${{", "${{ '${{' }}"))


def gitlab_ci(value: Any) -> str:
    """A YAML scalar in GitLab CI: ``$`` would expand a variable, ``$$`` is a dollar."""
    return yaml(str(value).replace("$", "$$"))


def shell(value: Any) -> str:
    """One word for a POSIX shell: in double quotes if nothing in it means anything
    there, else in single quotes."""
    text = een_regel(value)
    if not re.search(r'[$`\\"!]', text):
        return f'"{text}"'
    return shlex.quote(text)


# --- CODEOWNERS, iCalendar ----------------------------------------------------------------


def codeowners_commentaar(value: Any) -> str:
    """Text for a comment line of CODEOWNERS: on one line, so that nothing in it can
    become a line of its own (``\\n* @aanvaller`` would take over every review)."""
    return een_regel(value)


def icalendar_tekst(value: Any, *, regels: bool = False) -> str:
    """Text for an iCalendar TEXT value. icalendar escapes ``\\``, ``;``, ``,`` and
    line breaks itself, but copies other control characters and Unicode line breaks,
    which a reader may take for the end of the line (and the rest for a property of
    its own). ``regels``: keep the text's line breaks (as ``\\n``, for a description);
    else one line."""
    return "\n".join(_regels(value)) if regels else een_regel(value)

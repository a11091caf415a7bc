"""Front matter: the metadata block at the top of a static-site article, never prose.

Three forms, as Jekyll, Eleventy and Hugo write them:

- YAML between ``---`` lines (bounded: see safeyaml.py);
- TOML between ``+++`` lines (Hugo);
- a JSON object that opens the file (Hugo), ending on a line of its own.

``parse`` gives the parsed mapping, where the body starts, and the spans of the text fields an
editor reads as prose (``title``, ``description``, ``summary``, ``excerpt``, ``subtitle``,
``lead``): the characters of each value in the file, so that findings in them point at their
lines. A YAML folded or literal value (``title: >``) is the lines under its key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import InputError
from .lazyre import lazy_compile

_BREAK = r"(?:\r\n|\r(?!\n)|\n)"
# blank lines before the opening fence are allowed, as Hugo's page parser allows them
_LEADING_BLANKS = rf"(?:[ \t]*{_BREAK})*+"  # never given back: a backtracking state per blank line
_YAML = lazy_compile(rf"\A{_LEADING_BLANKS}---[ \t]*{_BREAK}(.*?){_BREAK}---[ \t]*(?:{_BREAK}|\Z)", re.S)
_TOML = lazy_compile(rf"\A{_LEADING_BLANKS}\+\+\+[ \t]*{_BREAK}(.*?){_BREAK}\+\+\+[ \t]*(?:{_BREAK}|\Z)", re.S)
_JSON_START = lazy_compile(r"\A\{[ \t]*(?:\r\n|\r|\n)")
#: the key that is the headline, and the keys whose values are a summary the reader sees
TITLE_KEYS = ("title",)
SUMMARY_KEYS = ("description", "summary", "excerpt", "subtitle", "lead")
_TOML_FIELD = lazy_compile(r'^[ \t]*("?)(\w+)\1[ \t]*=[ \t]*("""|\'\'\'|"|\')', re.M)
_JSON_FIELD = lazy_compile(r'^[ \t]*"(\w+)"[ \t]*:[ \t]*"((?:[^"\\\n]|\\.)*)"', re.M)


@dataclass
class FrontMatter:
    data: dict = field(default_factory=dict)
    #: where the body starts (0: no front matter)
    end: int = 0
    #: "yaml", "toml", "json" or None
    form: str | None = None
    #: key -> (start, end) of its text value in the file, for TITLE_KEYS and SUMMARY_KEYS
    fields: dict[str, tuple[int, int]] = field(default_factory=dict)


def parse(text: str, path: str) -> FrontMatter:
    """The front matter of an article (an empty one when it has none). Front matter that does
    not parse is still not prose: its fields are empty, the body starts after it."""
    for form, pattern in (("yaml", _YAML), ("toml", _TOML)):
        match = pattern.match(text)
        if match:
            fm = FrontMatter(end=match.end(), form=form)
            if form == "yaml":
                _yaml(fm, text, match.start(1), match.group(1), path)
            else:
                _toml(fm, text, match.start(1), match.group(1))
            return fm
    if _JSON_START.match(text):
        return _json(text)
    return FrontMatter()


def _yaml(fm: FrontMatter, text: str, base: int, source: str, path: str) -> None:
    import yaml  # on first use: a plain-text article never needs PyYAML

    from . import safeyaml

    loader = safeyaml.BoundedLoader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return
        safeyaml.check_nodes(node)
        data = loader.construct_document(node)
    except safeyaml.LimitError as exc:  # an alias bomb is not front matter to skip quietly
        line = text.count("\n", 0, base) + exc.problem_mark.line + 1
        raise InputError(path, f"front matter refused (line {line}): {exc.problem}") from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):  # e.g. "date: 2020-02-30"
        return
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return
    fm.data = data
    for key_node, value in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key in TITLE_KEYS + SUMMARY_KEYS and isinstance(value, yaml.ScalarNode) and isinstance(data.get(key), str):
            span = _yaml_value_span(source, value)
            if span is not None:
                fm.fields.setdefault(key, (base + span[0], base + span[1]))


def _yaml_value_span(source: str, node) -> tuple[int, int] | None:
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ('"', "'"):
        start, end = start + 1, end - 1
    elif node.style in (">", "|"):  # the indicator line, then the indented lines
        newline = source.find("\n", start, end)
        if newline < 0:
            return None
        start = newline + 1
    while start < end and source[start] in " \t\r\n":
        start += 1
    while end > start and source[end - 1] in " \t\r\n":
        end -= 1
    return (start, end) if end > start else None


def _toml(fm: FrontMatter, text: str, base: int, source: str) -> None:
    try:
        import tomllib
    except ImportError:  # pragma: no cover (Python 3.10)
        try:
            import tomli as tomllib
        except ImportError:
            return
    try:
        data = tomllib.loads(source)
    except (ValueError, RecursionError):  # TOMLDecodeError is a ValueError
        return
    fm.data = data
    for m in _TOML_FIELD.finditer(source):
        key, quote = m.group(2), m.group(3)
        if key not in TITLE_KEYS + SUMMARY_KEYS or not isinstance(data.get(key), str) or key in fm.fields:
            continue
        close = source.find(quote, m.end())
        if close < 0:
            continue
        start, end = m.end(), close
        while start < end and source[start] in " \t\r\n":
            start += 1
        while end > start and source[end - 1] in " \t\r\n":
            end -= 1
        if end > start:
            fm.fields[key] = (base + start, base + end)


def _json(text: str) -> FrontMatter:
    """A JSON object at the top of the file, as Hugo reads it: up to a line holding only "}"."""
    close = re.search(rf"{_BREAK}\}}[ \t]*(?:{_BREAK}|\Z)", text)
    if close is None:
        return FrontMatter()
    end = close.end()
    source = text[: close.start()] + "\n}"
    import json  # here: most articles have no JSON front matter

    try:
        data = json.loads(source)
    except (ValueError, RecursionError):
        return FrontMatter()  # not front matter after all: a body that opens with a brace
    if not isinstance(data, dict):
        return FrontMatter()
    fm = FrontMatter(data=data, end=end, form="json")
    for m in _JSON_FIELD.finditer(text, 0, close.start()):
        key = m.group(1)
        if key in TITLE_KEYS + SUMMARY_KEYS and isinstance(data.get(key), str) and key not in fm.fields and m.group(2).strip():
            start, stop = m.span(2)
            while text[start] == " ":
                start += 1
            fm.fields[key] = (start, len(text[:stop].rstrip()))
    return fm

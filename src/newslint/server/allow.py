""""Allow 'WORD' in this repository": the text of the configuration file that adds a word to a
rule's ``allow`` list, for the editor to apply as an edit (the server writes no file).

The nearest configuration is edited where it is (``.newslint.yaml``, ``.newslint.yml`` or the
``[tool.newslint]`` table of ``pyproject.toml``), changing as little of its text as it can so
that comments and layout stay; with none, a new ``.newslint.yaml`` is proposed at the root of
the repository (else of the workspace folder, else beside the article). Every new text is
checked as newslint reads configuration before it is offered: an edit that would not load, or
would not allow the word, is never offered.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..config import CONFIG_SCHEMA, _read_toml
from ..errors import ConfigError


@dataclass(frozen=True)
class ConfigEdit:
    path: str
    #: the file's text now (None: the file does not exist and is to be created)
    old: str | None
    new: str


def allows(path: str, text: str, rule: str, word: str) -> bool:
    """Does this configuration text load, and allow ``word`` for ``rule``?"""
    from ..rules import _load_yaml, _validate

    try:
        if os.path.basename(path) == "pyproject.toml":
            data = _read_toml(Path(path), text)
        else:
            data = _load_yaml(text, path, unique_keys=True)
        if not isinstance(data, dict):
            return False
        _validate(data, CONFIG_SCHEMA, None, path)
    except ConfigError:
        return False
    return word in (((data.get("rules") or {}).get(rule) or {}).get("allow") or [])


def _scalar(word: str) -> str:
    return json.dumps(word, ensure_ascii=False)  # a JSON string is a YAML and a TOML string


def _yaml_edit(text: str, rule: str, word: str) -> str | None:
    """The YAML text with the word added, keeping the rest of the text as it is."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return None
    nl = "\r\n" if "\r\n" in text else "\n"
    item = _scalar(word)
    if root is None:
        return text + ("" if not text or text.endswith(("\n", "\r")) else nl) + f"rules:{nl}  {rule}:{nl}    allow: [{item}]{nl}"
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None

    def child(node, key):
        return next(((k, v) for k, v in node.value if getattr(k, "value", None) == key), None)

    def insert(at: int, piece: str) -> str:
        return text[:at] + piece + text[at:]

    def line_start(index: int) -> int:
        return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1

    def append(piece: str) -> str:
        end = len(text.rstrip())
        return text[:end] + nl + piece + text[end:] if end else piece

    rules = child(root, "rules")
    if rules is None:
        return append(f"rules:{nl}  {rule}:{nl}    allow: [{item}]")
    rules_node = rules[1]
    if not isinstance(rules_node, yaml.MappingNode) or rules_node.flow_style or not rules_node.value:
        return None
    entry = child(rules_node, rule)
    indent = rules_node.value[0][0].start_mark.column
    if entry is None:
        at = line_start(rules_node.value[0][0].start_mark.index)
        return insert(at, f"{' ' * indent}{rule}:{nl}{' ' * (indent + 2)}allow: [{item}]{nl}")
    key, value = entry
    if not isinstance(value, yaml.MappingNode) or value.flow_style or not value.value:
        return None
    allow = child(value, "allow")
    if allow is None:
        first = value.value[0][0].start_mark
        return insert(line_start(first.index), f"{' ' * first.column}allow: [{item}]{nl}")
    seq = allow[1]
    if not isinstance(seq, yaml.SequenceNode):
        return None
    if seq.flow_style:
        close = seq.end_mark.index - 1  # the "]"
        return insert(close, (", " if seq.value else "") + item)
    first = seq.value[0].start_mark
    at = line_start(first.index)
    dash = text[at:first.index]
    return insert(at, f"{dash}{item}{nl}")


def _toml_edit(text: str, rule: str, word: str) -> str | None:
    """The pyproject.toml text with the word added to [tool.newslint.rules.RULE]'s allow."""
    nl = "\r\n" if "\r\n" in text else "\n"
    item = _scalar(word)
    header = re.compile(rf'^\[tool\.newslint\.rules\.(?:"{re.escape(rule)}"|{re.escape(rule)})\][ \t]*$', re.M)
    found = header.search(text)
    if found is None:
        body = text.rstrip()
        return (body + nl + nl if body else "") + f"[tool.newslint.rules.{rule}]{nl}allow = [{item}]{nl}"
    table_end = re.compile(r"^\[", re.M).search(text, found.end())
    end = table_end.start() if table_end else len(text)
    allow = re.compile(r"^allow[ \t]*=[ \t]*\[(.*)\][ \t]*(?:#.*)?$", re.M).search(text, found.end(), end)
    if allow is None:
        at = found.end()
        return text[:at] + f"{nl}allow = [{item}]" + text[at:]
    inner_end = allow.end(1)
    return text[:inner_end] + (", " if allow.group(1).strip() else "") + item + text[inner_end:]


def _root(article: str, folders: list[str]) -> str:
    """Where a new configuration goes: the repository root, else the workspace folder, else
    the article's folder."""
    folder = os.path.dirname(os.path.abspath(article))
    here = folder
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    inside = [f for f in folders if folder == f or folder.startswith(f.rstrip(os.sep) + os.sep)]
    return max(inside, key=len) if inside else folder


def allow_edit(article: str, rule: str, word: str, config_path: str | None, read, folders: list[str]) -> ConfigEdit | None:
    """The edit that allows ``word`` for ``rule``, for the file ``article``.

    ``config_path`` is the configuration that applies to the article (None: none does);
    ``read(path)`` gives a file's current text (the editor's buffer when it is open)."""
    if config_path is None:
        path = os.path.join(_root(article, folders), ".newslint.yaml")
        new = f"# newslint configuration (see newslint's README)\nrules:\n  {rule}:\n    allow: [{_scalar(word)}]\n"
        return ConfigEdit(path, None, new) if allows(path, new, rule, word) else None
    old = read(config_path)
    if old is None:
        return None
    toml = os.path.basename(config_path) == "pyproject.toml"
    new = _toml_edit(old, rule, word) if toml else _yaml_edit(old, rule, word)
    if new is not None and allows(config_path, new, rule, word):
        return ConfigEdit(config_path, old, new)
    if toml:
        return None
    try:  # an unusual layout (flow mappings, ...): the same data, written out again
        data = yaml.safe_load(old) or {}
        entry = data.setdefault("rules", {}).setdefault(rule, {})
        entry["allow"] = [*(entry.get("allow") or []), word]
        new = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    except (yaml.YAMLError, AttributeError, TypeError):
        return None
    return ConfigEdit(config_path, old, new) if allows(config_path, new, rule, word) else None

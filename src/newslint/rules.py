"""Rules: YAML files of data, each naming the kind of check it runs.

Loading is strict: a rule file is checked against a JSON schema (the common fields here, the
parameters from its kind), and every problem is a ConfigError naming the file, line and field.
YAML is read with the safe loader, so tags such as ``!!python/object`` are refused.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import snapshot
from .errors import ConfigError
from .finding import Severity
from .genre import GENRES
from .kinds import Kind, load_kinds
from .lazyre import lazy_compile

RULE_SUFFIXES = (".yaml", ".yml")

_DOCS = {
    "type": "object",
    "additionalProperties": False,
    "required": ["what", "why", "fix"],
    "properties": {
        "what": {"type": "string", "minLength": 1},
        "why": {"type": "string", "minLength": 1},
        "fix": {"type": "string", "minLength": 1},
        "example": {"type": "string"},
        "use_instead": {"type": "string"},
    },
}
_EXAMPLES = {
    "type": "object",
    "additionalProperties": False,
    "required": ["flagged", "passing"],
    "properties": {
        "flagged": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "findings"],
                "properties": {
                    "text": {"type": "string"},
                    "findings": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                },
            },
        },
        "passing": {"type": "array", "minItems": 1, "items": {"type": "string"}},
    },
}
_SUGGESTIONS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["match", "replace"],
        "properties": {
            "match": {"type": "string", "minLength": 1},
            "replace": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        },
    },
}
RULE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["kind", "severity", "message", "docs", "examples"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
        "kind": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "category": {"type": "string"},
        "message": {"type": "string", "minLength": 1},
        "docs": _DOCS,
        "params": {"type": "object"},
        "examples": _EXAMPLES,
        "enabled": {"type": "boolean"},
        "genres": {"type": "array", "minItems": 1, "items": {"enum": list(GENRES)}},
        "covers": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "suggestions": _SUGGESTIONS,
        "pattern": {
            "type": "object",
            "additionalProperties": False,
            "required": ["rules", "at_least"],
            "properties": {
                "rules": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                "at_least": {"type": "integer", "minimum": 1},
                "per_1000_words": {"type": "number", "exclusiveMinimum": 0},
            },
        },
    },
}


#: The widest field a message may format (``{match:>20}``): a huge width would print megabytes.
MAX_FORMAT_WIDTH = 100
_RULE_ID = lazy_compile(r"[a-z][a-z0-9-]*")
_FORMAT_SPEC = lazy_compile(r"(?:.?[<>=^])?[+\- ]?z?#?0?(\d*)[,_]?(?:\.(\d+))?[a-zA-Z%]?")


def _safe_spec(spec: str) -> bool:
    """A standard format spec, no nested field, width and precision at most MAX_FORMAT_WIDTH."""
    m = _FORMAT_SPEC.fullmatch(spec)
    return m is not None and "{" not in spec and all(int(g or 0) <= MAX_FORMAT_WIDTH for g in m.groups())


def shorten_text(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 3] + "..."


@dataclass
class Rule:
    id: str
    kind: Kind
    severity: Severity
    message: str
    docs: dict
    examples: dict
    category: str
    path: str
    #: Off by default: runs only when selected by id or category (``--select``, ``select:``).
    enabled: bool = True
    #: Report only in articles where the listed rules have at least ``at_least`` hits in all
    #: (one slip is style, a pattern is a problem): ``{"rules": [...], "at_least": N}``, and
    #: with ``per_1000_words: D`` also more than D of them per 1,000 words.
    pattern: dict | None = None
    #: The genres the rule applies to (None: all); see ``genre.py``.
    genres: tuple[str, ...] | None = None
    #: One problem, one finding: findings of these rules that overlap one of this rule's are
    #: dropped (this rule is the more specific report of the same problem).
    covers: tuple[str, ...] = ()
    #: Plain replacements for flagged phrases: folded phrase -> replacements ("" deletes it).
    suggestions: dict[str, tuple[str, ...]] | None = None

    def format_message(self, match: str, fields: dict) -> str:
        return self.message.format(match=match, **fields)

    def suggest(self, flagged: str) -> tuple[str, ...]:
        """The replacements this rule offers for a flagged text, capitalised as it is."""
        if not self.suggestions:
            return ()
        found = self.suggestions.get(_phrase_key(flagged), ())
        if flagged[:1].isupper():
            return tuple(s[:1].upper() + s[1:] for s in found)
        return found


def _phrase_key(text: str) -> str:
    """A phrase as suggestions look it up: folded case, apostrophes and hyphens, single spaces."""
    from .matching import fold

    return " ".join(fold(text).split())


def shipped_rules_dir() -> Path:
    """The rules that come with newslint: inside the installed package, else the source tree.
    (The package's own folder, not ``importlib.resources``: its import costs a tenth of a cold
    start, and a package on the file system is all newslint ships as.)"""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def rule_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise ConfigError(str(directory), "rule folder not found")
    return sorted(p for p in directory.iterdir() if p.suffix in RULE_SUFFIXES and p.is_file())


def load_rules(extra_dirs: list[str] | tuple[str, ...] = (), builtin: bool = True) -> list[Rule]:
    """Load the shipped rules and any user rule folders; ids must be unique across all.

    Results are cached per folder list for the life of the process (rules are immutable).
    """
    dirs = tuple(str(d) for d in extra_dirs)
    return list(_load_rules(dirs, builtin, _dirs_state(dirs)))


def _dirs_state(dirs: tuple[str, ...]) -> tuple:
    """Part of the cache key: where relative folder names point now, and their files' sizes and
    mtimes, so that another folder of the same name or an edited rule file is never served stale."""
    import os

    state: list = []
    for directory in dirs:
        try:
            state.append(os.path.abspath(directory))
            state += sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(directory))
        except OSError:
            state.append(None)  # not found: loading reports it
    return tuple(state)


@lru_cache(maxsize=16)
def _load_rules(extra_dirs: tuple[str, ...], builtin: bool, _state: tuple = ()) -> tuple[Rule, ...]:
    dirs = ([shipped_rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    rules: dict[str, Rule] = {}
    for directory in dirs:
        shipped = builtin and directory == dirs[0]
        parsed = snapshot.load(directory) if shipped else {}
        for path in rule_files(directory):
            # the shipped rules are checked against the schema by the test suite (test_rule_examples.py)
            rule = load_rule_file(path, validate=not shipped, parsed=parsed.get(path.name))
            if rule.id in rules:
                line = next((n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                             if text.startswith("id:")), 1)
                raise ConfigError(
                    str(path), f"field 'id': duplicate rule id '{rule.id}' (also defined in {rules[rule.id].path})", line
                )
            rules[rule.id] = rule
    return tuple(rules.values())


def load_rule_file(path: Path, validate: bool = True, parsed: dict | None = None) -> Rule:
    """parsed: the file's entry in the shipped rules' snapshot (snapshot.py), used when the
    file's bytes are still the ones it was made from."""
    from .config import read_source

    source = read_source(path, "rule file")
    data = None
    if parsed is not None and parsed.get("fingerprint") == snapshot.fingerprint(source.encode("utf-8")):
        data = parsed.get("data")
    return parse_rule(source, str(path), default_id=path.stem, validate=validate, data=data)


def parse_rule(source: str, path: str, default_id: str, validate: bool = True, data=None) -> Rule:
    # a shipped rule (validate=False) is plain libyaml: the test suite loads every one with
    # validate=True (bounded, unique keys, schema), so a run need not check them again
    if data is None:
        data = _load_yaml(source, path, unique_keys=True) if validate else _yaml().load(source, Loader=_safe_loader())
    if not isinstance(data, dict):
        raise ConfigError(path, "a rule file must be a YAML mapping", 1)
    node = _LazyNode(source)
    if validate:
        _validate(data, RULE_SCHEMA, node, path)

    kinds = load_kinds()
    kind_cls = kinds.get(data["kind"])
    if kind_cls is None:
        raise ConfigError(
            path, f"field 'kind': unknown kind '{data['kind']}' (known: {', '.join(sorted(kinds))})", _line(node.get(), ["kind"])
        )
    params_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": kind_cls.params,
        "required": list(kind_cls.required),
    }
    params = data.get("params") or {}
    if validate:
        _validate(params, params_schema, node, path, prefix=["params"])
    rule_id = data.get("id", default_id)
    if not _RULE_ID.fullmatch(default_id):  # the id comes from the file name: it must be a valid id too
        raise ConfigError(path, f"the file name gives the rule id '{shorten_text(default_id)}', which is not a valid id "
                                "(lower-case letters, digits and '-', starting with a letter): rename the file")
    if rule_id != default_id:
        raise ConfigError(path, f"field 'id': '{rule_id}' must match the file name '{default_id}'", _line(node.get(), ["id"]))

    allowed = {"match"} | set(kind_cls.fields)
    try:
        placeholders = list(string.Formatter().parse(data["message"]))
    except ValueError as exc:  # "{match" or a lone "}"
        raise ConfigError(path, f"field 'message': not a valid template: {exc}", _line(node.get(), ["message"])) from None
    for _, name, spec, conversion in placeholders:
        if conversion not in (None, "s", "r", "a"):
            raise ConfigError(path, f"field 'message': unknown conversion '!{conversion}' (use !s, !r or !a)",
                              _line(node.get(), ["message"]))
        if name is not None and name not in allowed and name.split(".")[0].split("[")[0] in allowed:
            raise ConfigError(
                path,
                f"field 'message': placeholder '{{{shorten_text(name)}}}' reads an attribute or an item; "
                f"only the field itself may be used ({{{name.split('.')[0].split('[')[0]}}})",
                _line(node.get(), ["message"]),
            )
        if name is not None and spec and not _safe_spec(spec):
            raise ConfigError(
                path,
                f"field 'message': format '{{{name}:{shorten_text(spec)}}}' is not allowed: a standard format with "
                f"width and precision of at most {MAX_FORMAT_WIDTH}",
                _line(node.get(), ["message"]),
            )
        if name is not None and name not in allowed:
            raise ConfigError(
                path,
                f"field 'message': unknown placeholder '{{{name}}}' (this kind offers: {', '.join(sorted(allowed))})",
                _line(node.get(), ["message"]),
            )
    try:
        kind = kind_cls(rule_id, {**kind_cls.defaults(), **params}, checked=not validate)
    except ValueError as exc:
        raise ConfigError(path, f"field 'params': {exc}", _line(node.get(), ["params"])) from None
    return Rule(
        id=rule_id,
        kind=kind,
        severity=Severity.parse(data["severity"]),
        message=data["message"],
        docs=data["docs"],
        examples=data["examples"],
        category=data.get("category", data["kind"]),
        path=path,
        enabled=data.get("enabled", True),
        pattern=data.get("pattern"),
        genres=tuple(data["genres"]) if data.get("genres") else None,
        covers=tuple(data.get("covers", ())),
        suggestions={_phrase_key(s["match"]): tuple(s["replace"]) for s in data["suggestions"]} if data.get("suggestions") else None,
    )


def _yaml():
    """PyYAML, imported on first use: a run over shipped rules only reads their snapshot
    (snapshot.py) and a plain-text article has no front matter, so most runs never need it."""
    import yaml

    return yaml


def _safe_loader():
    yaml = _yaml()
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: much faster


def _load_yaml(source: str, path: str, unique_keys: bool = False):
    """Parse YAML safely (no tags that build Python objects, bounded aliases and nesting, see
    safeyaml.py), or raise a ConfigError."""
    from . import safeyaml

    yaml = _yaml()
    try:
        return safeyaml.load(source, unique_keys=unique_keys)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is not None and isinstance(exc, yaml.constructor.ConstructorError):
            key = source.splitlines()[mark.line].split(":", 1)[0].strip(" -") if mark.line < len(source.splitlines()) else ""
            if key.isidentifier():
                problem = f"field '{key}': {problem}"
        what = "YAML refused" if isinstance(exc, safeyaml.LimitError) else "invalid YAML"
        raise ConfigError(path, f"{what}: {problem}", mark.line + 1 if mark else None) from None
    except RecursionError:  # the pure-Python loader on deep nesting (libyaml stops at its own limit)
        raise ConfigError(path, "YAML refused: nested too deeply") from None


class _LazyNode:
    """The YAML node tree, composed only when an error needs a line number."""

    def __init__(self, source: str) -> None:
        self.source = source

    def get(self):
        return _yaml().compose(self.source, Loader=_safe_loader())


def _validate(data, schema, node, path: str, prefix: list | None = None) -> None:
    import jsonschema  # imported on use: it is the costliest import of a run

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    where = list(error.absolute_path)
    if isinstance(node, _LazyNode):
        node = node.get()
        if prefix:
            for step in prefix:
                node = _child(node, step)
    if error.validator == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = sorted((k for k in error.instance if k not in known), key=str)  # YAML keys may be numbers
        field = _field((prefix or []) + where + extra[:1])
        raise ConfigError(
            path,
            f"unknown field '{field}' (allowed here: {', '.join(sorted(known))})",
            _line(node, where + extra[:1], key=True),
        )
    field = _field((prefix or []) + where) or "(top level)"
    raise ConfigError(path, f"field '{field}': {_message(error)}", _line(node, where))


_MESSAGE_LIMIT = 200


def _field(path: list) -> str:
    """A dotted field path for a message, each step shortened (a key can be a long string)."""
    from .safeyaml import shorten

    return ".".join(shorten(str(step)) for step in path)


def _message(error) -> str:
    """jsonschema's message, with the offending value shortened: its message starts with the
    value's whole repr, which for a long list or string would fill the terminal."""
    message = error.message
    if len(message) <= _MESSAGE_LIMIT:
        return message
    import reprlib

    full = repr(error.instance)
    if message.startswith(full):
        shortener = reprlib.Repr()
        shortener.maxlevel, shortener.maxlist, shortener.maxdict, shortener.maxstring = 2, 4, 4, 40
        short = shortener.repr(error.instance)
        message = short + message[len(full):]
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 3] + "..."


def _child(node, key):
    if isinstance(node, _yaml().MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return None


def _line(node, where: list, key: bool = False) -> int | None:
    """Line (1-based) of the node at a path of keys and indexes, or of its nearest parent."""
    yaml = _yaml()
    line = node.start_mark.line + 1 if node is not None else None
    for step in where:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == step), None)
            if match is None:
                break
            node = match[1]
            line = (match[0] if key and step == where[-1] else node).start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _config_node(source: str | None):
    """The YAML node tree of a configuration file, composed on first use (None for TOML)."""
    if not source or not str(source).endswith((".yaml", ".yml")):
        return None
    from pathlib import Path

    from .config import read_source

    try:
        return _LazyNode(read_source(Path(source)))
    except ConfigError:
        return None


def apply_overrides(rules: list[Rule], overrides: dict[str, dict], source: str) -> list[Rule]:
    """Rules with a configuration's per-rule severity and parameter overrides applied."""
    import dataclasses

    by_id = {r.id: r for r in rules}
    for rule_id in overrides:
        if rule_id not in by_id:
            import difflib

            close = difflib.get_close_matches(str(rule_id), sorted(by_id), n=1, cutoff=0.6)  # a key may be a number
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            from .config import line_of

            raise ConfigError(source, f"field '{_field(['rules', rule_id])}': no such rule{hint} (see 'newslint rules')",
                              line_of(source, rule_id, ("rules",)))
    result = []
    for rule in rules:
        override = overrides.get(rule.id)
        if not override:
            result.append(rule)
            continue
        kind_cls = type(rule.kind)
        params = {**rule.kind.p, **dict(override.get("params", {}))}
        for name, items in dict(override.get("extend", {})).items():
            if not isinstance(params.get(name), list):
                raise ConfigError(source, f"field 'rules.{rule.id}.extend.{name}': '{name}' is not a list parameter of kind '{kind_cls.name}'")
            params[name] = [*params[name], *items]
        if override.get("allow"):
            if "exceptions" not in kind_cls.params:
                raise ConfigError(source, f"field 'rules.{rule.id}.allow': kind '{kind_cls.name}' has no exceptions to extend")
            params["exceptions"] = [*params.get("exceptions", []), *override["allow"]]
        schema = {"type": "object", "additionalProperties": False, "properties": kind_cls.params,
                  "required": list(kind_cls.required)}
        _validate(params, schema, _config_node(source), source, prefix=["rules", rule.id, "params"])
        try:
            kind = kind_cls(rule.id, params)
        except ValueError as exc:
            raise ConfigError(source, f"field 'rules.{rule.id}.params': {exc}") from None
        severity = Severity.parse(override["severity"]) if "severity" in override else rule.severity
        result.append(dataclasses.replace(rule, kind=kind, severity=severity))
    return result

"""Configuration: ``.newslint.yaml`` (or ``[tool.newslint]`` in pyproject.toml), found by
walking up from each linted file, validated strictly, resolved per file path.

    select: [hype, missing-quotes]      # rule ids or categories to run (default: all)
    ignore: [unsupported-statistic]     # rule ids or categories to skip
    fail-on: warning                    # error | warning | info
    min-severity: warning               # hide findings below this level: error | warning | info
    rules-dirs: [house-rules]           # extra rule folders, relative to this file
    exclude: ["drafts/**"]              # globs, relative to this file
    rules:                              # per-rule overrides
      peacock-word:
        severity: error
        params: {in_quotes: include}    # replace parameters
        extend: {terms: [epic]}         # add items to list parameters
        allow: [iconic]                 # never flag these (added to the rule's exceptions)
    genre: news                         # force a genre (else from front matter or text)
    overrides:                          # per-path settings, applied in order
      - files: ["opinion/**"]
        ignore: [hype]
      - files: ["reviews/**"]
        genre: review
"""

from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .discover import real_folder, real_path
from .errors import ConfigError
from .genre import GENRES

CONFIG_FILES = (".newslint.yaml", ".newslint.yml")

_NAMES = {"type": "array", "items": {"type": "string", "minLength": 1}}
_RULE_OVERRIDE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "severity": {"enum": ["error", "warning", "info"]},
        "params": {"type": "object"},
        "extend": {"type": "object", "additionalProperties": {"type": "array"}},
        "allow": _NAMES,
    },
}
_RULES = {"type": "object", "additionalProperties": _RULE_OVERRIDE}
CONFIG_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "select": _NAMES,
        "ignore": _NAMES,
        "fail-on": {"enum": ["error", "warning", "info"]},
        "min-severity": {"enum": ["error", "warning", "info"]},
        "rules-dirs": _NAMES,
        "exclude": _NAMES,
        "rules": _RULES,
        "genre": {"enum": list(GENRES)},
        "overrides": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["files"],
                "properties": {"files": _NAMES, "select": _NAMES, "ignore": _NAMES, "rules": _RULES,
                               "genre": {"enum": list(GENRES)}},
            },
        },
    },
}


@dataclass(frozen=True)
class Settings:
    """The settings that apply to one file: its config file's, with matching overrides merged."""

    source: str | None = None  # the config file, or None for defaults
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    #: findings below this level are not reported (None: all are)
    min_severity: str | None = None
    rule_dirs: tuple[str, ...] = ()
    #: rule id -> override mapping (severity, params, extend, allow), as a hashable tuple
    rules: tuple[tuple[str, tuple], ...] = ()
    excluded: bool = False
    #: the genre the configuration sets for this path (None: from front matter or text)
    genre: str | None = None
    #: problems met while looking for the configuration that did not stop the run
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def rule_overrides(self) -> dict[str, dict]:
        """Rule id -> override, as plain data again (lists are lists, mappings dicts)."""
        return {rule: _plain(items) for rule, items in self.rules}

    def to_dict(self) -> dict:
        return {
            "config": self.source,
            "excluded": self.excluded,
            "select": list(self.select) or "all",
            "ignore": list(self.ignore),
            "fail-on": self.fail_on or "warning",
            "min-severity": self.min_severity or "info",
            "rules-dirs": list(self.rule_dirs),
            "genre": self.genre or "detected",
            "rules": self.rule_overrides(),
        }


@dataclass
class ConfigFile:
    path: Path
    data: dict
    overrides: list[dict] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent

    def settings_for(self, article: Path) -> Settings:
        data = self.data
        try:
            # os.path.realpath, not Path.resolve: a symbolic link loop must not raise here
            rel = Path(real_path(article)).relative_to(real_folder(str(self.root))).as_posix()
        except ValueError:
            rel = article.as_posix()
        select = tuple(data.get("select", ()))
        ignore = list(data.get("ignore", ()))
        rules = {k: dict(v) for k, v in (data.get("rules") or {}).items()}
        genre = data.get("genre")
        for override in data.get("overrides", ()):
            if any(_glob_match(rel, pattern) for pattern in override["files"]):
                genre = override.get("genre", genre)
                select = tuple(override.get("select", select))
                ignore += override.get("ignore", ())
                for rule, values in (override.get("rules") or {}).items():
                    rules.setdefault(rule, {}).update(values)
        excluded = any(_glob_match(rel, pattern) for pattern in data.get("exclude", ()))
        return Settings(
            source=str(self.path),
            select=select,
            ignore=tuple(ignore),
            fail_on=data.get("fail-on"),
            min_severity=data.get("min-severity"),
            rule_dirs=tuple(os.path.realpath(self.root / d) for d in data.get("rules-dirs", ())),
            rules=tuple(sorted(((rule, _freeze(values)) for rule, values in rules.items()), key=lambda r: str(r[0]))),
            excluded=excluded,
            genre=genre,
        )


def _glob_match(rel: str, pattern: str) -> bool:
    pattern = pattern.lstrip("./") if pattern.startswith("./") else pattern
    if fnmatch.fnmatchcase(rel, pattern):
        return True
    # "dir/**" also matches files directly in dir; "**/x" also matches x at the top
    if pattern.endswith("/**") and rel.startswith(pattern[:-2]):
        return True
    return pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:])


def _freeze(value):
    """Hashable form of configuration data, tagged so that _plain gives back exactly the same
    data: a mapping is (dict, sorted pairs), a list (list, items). Neither type object can come
    from YAML or TOML, so a list of pairs never turns into a mapping."""
    if isinstance(value, dict):
        return (dict, tuple(sorted(((k, _freeze(v)) for k, v in value.items()), key=lambda kv: repr(kv[0]))))
    if isinstance(value, list):
        return (list, tuple(_freeze(v) for v in value))
    return value


def _plain(value):
    """Inverse of _freeze (plain data passes through unchanged)."""
    if isinstance(value, tuple) and len(value) == 2 and value[0] is dict:
        return {k: _plain(v) for k, v in value[1]}
    if isinstance(value, tuple) and len(value) == 2 and value[0] is list:
        return [_plain(v) for v in value[1]]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


#: a configuration or rule file larger than this is refused unread (real ones are a few KB)
MAX_CONFIG_BYTES = 1024 * 1024


def read_source(path: Path, what: str = "configuration") -> str:
    """The text of a configuration or rule file: a regular file of at most MAX_CONFIG_BYTES in
    UTF-8, or a ConfigError (``--config /dev/zero`` must not read forever)."""
    import stat

    try:  # non-blocking, so that opening a FIFO cannot hang; the opened descriptor is checked
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ConfigError(str(path), f"cannot read {what}: not a regular file")
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(str(path), f"cannot read {what}: larger than {MAX_CONFIG_BYTES >> 20} MiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"cannot read {what}: {exc}") from None


def _depth(value, limit: int) -> bool:
    """Is value nested (lists and mappings) more than limit levels deep? Iterative: no recursion."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            if level > limit:
                return True
            stack.extend((v, level + 1) for v in (item.values() if isinstance(item, dict) else item))
    return False


def _read_toml(path: Path, source: str):
    """The [tool.newslint] table of a pyproject.toml (None when there is none)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    from .safeyaml import MAX_DEPTH

    try:
        document = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(str(path), "TOML refused: nested too deeply") from None
    tool = document.get("tool")
    if not isinstance(tool, dict):  # "tool = 5": some other tool's business, not newslint's
        return None
    data = tool.get("newslint")
    if data is not None and _depth(data, MAX_DEPTH):
        raise ConfigError(str(path), f"TOML refused: [tool.newslint] is nested too deeply (more than {MAX_DEPTH} levels)",
                          _toml_line(source, "'newslint'"))
    return data


def load_config_file(path: Path) -> ConfigFile | None:
    """Read one config file; None for a pyproject.toml without [tool.newslint]."""
    from .rules import _LazyNode, _load_yaml, _validate

    source = read_source(path)
    if path.name == "pyproject.toml":
        data = _read_toml(path, source)
        if data is None:
            return None
        node = None
    else:
        data = _load_yaml(source, str(path), unique_keys=True)
        node = _LazyNode(source)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError(str(path), "the configuration must be a YAML mapping", 1)
    try:
        _validate(data, CONFIG_SCHEMA, node, str(path))
    except ConfigError as exc:
        if node is None:
            raise ConfigError(str(path), exc.problem, _toml_line(source, exc.problem)) from None
        raise
    return ConfigFile(path, data)


def _toml_line(source: str, problem: str) -> int | None:
    """Best effort line number for a TOML problem: the line naming the field."""
    import re

    match = re.search(r"'([^']+)'", problem)
    if not match:
        return None
    key = match.group(1).split(".")[-1]
    for number, line in enumerate(source.splitlines(), 1):
        if re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", line):
            return number
    return None


def line_of(source: str | None, name: str, under: tuple[str, ...]) -> int | None:
    """The line of a configuration file where ``name`` is written as a key or list entry of one
    of the fields ``under`` (``rules``, ``select``, ``ignore``), at the top level or in an
    ``overrides`` entry: for error messages, so best effort (None when it cannot tell)."""
    if not source or source == "<command line>":
        return None
    try:
        text = read_source(Path(source))
    except ConfigError:
        return None
    if Path(source).name == "pyproject.toml":
        import re

        pattern = re.compile(rf"(?:^|[\s\[.,\"'])\"?{re.escape(str(name))}\"?(?:$|[\s\].,=\"'])")
        return next((n for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)), None)
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    stack = [root]
    while stack:
        node = stack.pop()
        if not isinstance(node, yaml.MappingNode):
            if isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))
            continue
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in under:
                for item in (value.value if isinstance(value, (yaml.MappingNode, yaml.SequenceNode)) else ()):
                    target = item[0] if isinstance(value, yaml.MappingNode) else item
                    if isinstance(target, yaml.ScalarNode) and target.value == str(name):
                        return target.start_mark.line + 1
            elif isinstance(key, yaml.ScalarNode) and key.value == "overrides":
                stack.append(value)
    return None


def _configures_newslint(path: Path) -> bool:
    """Does a pyproject.toml newslint cannot use say anything about newslint? If not, it is some
    other project's file (say, a broken one in a parent folder): a warning, not a stopped run."""
    try:
        with open(path, "rb") as handle:
            return b"newslint" in handle.read(MAX_CONFIG_BYTES + 1)
    except OSError:
        return False


@lru_cache(maxsize=None)
def _find_config(directory: str) -> tuple[ConfigFile | None, tuple[str, ...]]:
    """The nearest config file at or above a directory, and warnings about files skipped on the way."""
    here = Path(directory)
    warnings: list[str] = []
    for name in (*CONFIG_FILES, "pyproject.toml"):
        candidate = here / name
        try:
            if not candidate.is_file():
                continue
        except OSError:  # a folder that cannot be searched (permission denied): nothing to find there
            continue
        try:
            config = load_config_file(candidate)
        except ConfigError as exc:
            if name != "pyproject.toml" or _configures_newslint(candidate):
                raise
            warnings.append(f"{exc}; skipped (it has no [tool.newslint] table)")
            continue
        if config is not None:
            return config, tuple(warnings)
    parent = here.parent
    if parent == here:
        return None, tuple(warnings)
    config, above = _find_config(str(parent))
    return config, tuple(warnings) + above


def find_config(directory: str) -> ConfigFile | None:
    """The nearest config file at or above a directory (cached per directory)."""
    return _find_config(directory)[0]


def _clear_caches() -> None:
    _find_config.cache_clear()
    real_folder.cache_clear()


find_config.cache_clear = _clear_caches  # type: ignore[attr-defined]


def settings_for(path: str, explicit: str | None = None) -> Settings:
    """Settings for an article path (stdin uses the current directory's configuration)."""
    warnings: tuple[str, ...] = ()
    if explicit:
        config = load_config_file(Path(explicit))
    else:
        directory = os.getcwd() if path == "-" else os.path.dirname(os.path.abspath(path))
        config, warnings = _find_config(directory)
    if config is None:
        return Settings(warnings=warnings)
    settings = config.settings_for(Path("stdin" if path == "-" else path))
    return replace(settings, warnings=warnings) if warnings else settings

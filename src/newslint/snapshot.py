"""The shipped rules, parsed ahead of time: ``rules/_parsed.json``.

A run reads the shipped rule files' bytes (to know them current) and, for each file whose size
and CRC-32 match the snapshot's, takes the parsed data from the snapshot instead of parsing the
YAML: PyYAML's import and its construction of 28 files are a fifth of a cold start. A file that
does not match (an edited rule in a source checkout) is parsed from its YAML as before, so the
snapshot can be stale without being wrong; ``tests/test_rule_examples.py`` fails when it is.

Regenerate after editing a shipped rule::

    python -m newslint.snapshot

The same command writes ``_tables.py``: the character tables of the word fold and the word
count, which every run needs and which took a few milliseconds of each start to build.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

NAME = "_parsed.json"
FORMAT = 1


def fingerprint(data: bytes) -> list[int]:
    return [len(data), zlib.crc32(data)]


def load(directory: Path) -> dict[str, dict]:
    """The snapshot's entries by file name ({"fingerprint": [size, crc], "data": {...}}), or
    nothing when there is no usable snapshot."""
    try:
        snapshot = json.loads((directory / NAME).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(snapshot, dict) or snapshot.get("format") != FORMAT or not isinstance(snapshot.get("rules"), dict):
        return {}
    return snapshot["rules"]


def build(directory: Path) -> dict:
    """The snapshot of every rule file in a folder, parsed as a run parses a shipped rule."""
    import yaml

    from .rules import _safe_loader, rule_files

    rules = {}
    for path in rule_files(directory):
        raw = path.read_bytes()
        data = yaml.load(raw.decode("utf-8"), Loader=_safe_loader())
        if json.loads(json.dumps(data)) != data:  # a date or a set would not survive JSON
            raise ValueError(f"{path}: parses to data that JSON cannot hold")
        rules[path.name] = {"fingerprint": fingerprint(raw), "data": data}
    return {"format": FORMAT, "rules": rules}


TABLES = Path(__file__).with_name("_tables.py")


def table(name: str) -> str | None:
    """A character table made ahead of time (``_tables.py``) for the Unicode data of this
    Python, or None: another Python's tables may differ, and each builds its own."""
    try:
        from . import _tables
    except ImportError:
        return None
    import unicodedata

    if getattr(_tables, "UNIDATA_VERSION", None) != unicodedata.unidata_version:
        return None
    return getattr(_tables, name, None)


def build_tables() -> str:
    """The source of ``_tables.py``: the word-fold and word-count tables (matching.py,
    spans.py) as this Python builds them, each a string of 12,288 characters."""
    import unicodedata

    from .matching import make_non_word_table
    from .spans import make_count_table

    return (
        '"""Character tables made ahead of time by ``python -m newslint.snapshot``: do not edit.\n\n'
        "Building them takes a few milliseconds of every start; a Python whose Unicode data is\n"
        'another version builds its own (snapshot.table)."""\n\n'
        f"UNIDATA_VERSION = {unicodedata.unidata_version!r}\n"
        f"NON_WORD = {make_non_word_table()!r}\n"
        f"COUNT = {make_count_table()!r}\n"
    )


def main() -> None:
    from .rules import shipped_rules_dir

    directory = shipped_rules_dir()
    text = json.dumps(build(directory), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    (directory / NAME).write_text(text, encoding="utf-8")
    print(f"wrote {directory / NAME}")
    TABLES.write_text(build_tables(), encoding="utf-8")
    print(f"wrote {TABLES}")


if __name__ == "__main__":
    main()

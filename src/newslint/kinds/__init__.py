"""Check kinds: small classes chosen by name from a rule's ``kind`` field.

A kind is registered where it is defined, with ``@register``; every module of this package is
imported by ``load_kinds``, so there is no second table to keep in sync. A kind declares the
JSON schema of its parameters (with defaults), the fields its message template may use, and
``check``, which yields ``Hit``s for one Document.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Iterable

if TYPE_CHECKING:
    from ..document import Document
    from ..engine import Context

REGISTRY: dict[str, type["Kind"]] = {}


@dataclass(slots=True)
class Hit:
    """A span a kind found, with the values its message template may name."""

    start: int
    end: int
    fields: dict = field(default_factory=dict)


class Kind:
    """Base class of check kinds."""

    name: ClassVar[str]
    summary: ClassVar[str]
    #: JSON schema "properties" of the parameters; "default" values fill in what a rule omits.
    params: ClassVar[dict] = {}
    required: ClassVar[tuple[str, ...]] = ()
    #: Names a message template may use besides ``match`` (the flagged text).
    fields: ClassVar[frozenset[str]] = frozenset()
    #: Other rules whose hits this kind reads (names of parameters that list rule ids).
    depends_param: ClassVar[str | None] = None

    def __init__(self, rule_id: str, params: dict, checked: bool = False) -> None:
        """``checked``: the parameters were validated when the test suite loaded the rule (a
        shipped rule), so kinds that compile patterns skip checking each alone at every start."""
        self.rule_id = rule_id
        self.p = params

    def dependencies(self) -> list[str]:
        return list(self.p.get(self.depends_param, ())) if self.depends_param else []

    def check(self, doc: "Document", context: "Context") -> Iterable[Hit]:
        raise NotImplementedError

    @classmethod
    def defaults(cls) -> dict:
        return {k: v["default"] for k, v in cls.params.items() if "default" in v}


def register(cls: type[Kind]) -> type[Kind]:
    REGISTRY[cls.name] = cls
    return cls


_loaded = False


def load_kinds() -> dict[str, type[Kind]]:
    global _loaded
    if not _loaded:  # not "if not REGISTRY": a kind registered early must not hide the built-ins
        # the modules of this folder (as pkgutil.iter_modules lists them, without importing pkgutil)
        for name in sorted(os.listdir(__path__[0])):
            if name.endswith(".py") and name != "__init__.py":
                importlib.import_module(f"{__name__}.{name[:-3]}")
        _loaded = True
    return REGISTRY


def distinct_hits(hits: dict[str, list[Hit]], rules) -> int:
    """Hits of the given rules, counting overlapping hits (one phrase two rules match) once."""
    spans = sorted((h.start, h.end) for rule in rules for h in hits.get(rule, ()))
    count, last_end = 0, -1
    for start, end in spans:
        if start >= last_end:
            count += 1
        last_end = max(last_end, end)
    return count


def anchor(doc: "Document") -> Hit:
    """Where an article-level finding points: the headline, else the first line of the body."""
    span = doc.headline
    if span is None:
        if not doc.blocks:
            return Hit(0, 0)
        block = doc.blocks[0]
        end = doc.text.find("\n", block.start, block.end)
        return Hit(block.start, block.end if end < 0 else len(doc.text[block.start:end].rstrip()) + block.start)
    return Hit(span.start, span.end)

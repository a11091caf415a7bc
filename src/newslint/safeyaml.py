"""Bounded YAML: every YAML newslint reads (front matter, configuration, rule files) goes
through ``load``.

PyYAML composes a document into a node graph in linear time: an alias is the same node object
as its anchor, so ``&a8 [*a7, *a7, ...]`` costs nothing to parse. What explodes is everything
after it that walks the data as a tree (validation, freezing, dumping, collecting URLs): nine
levels of nine aliases are 387 million values. ``BoundedLoader`` checks the composed graph
before a single Python object is built: the number of values and the characters of text once
aliases are expanded (one long string aliased 100,000 times is a bomb too), the nesting depth (also through aliases), recursive aliases and, where asked, duplicate keys in a
mapping. It uses libyaml (``CSafeLoader``) when PyYAML has it, the pure-Python safe loader
otherwise; both build plain data only (no ``!!python/`` tags).
"""

from __future__ import annotations

import yaml

#: the most values (scalars, lists and mappings) a YAML document may hold once aliases are expanded
MAX_NODES = 100_000
#: the most characters of text (all scalars together) once aliases are expanded: the article size limit
MAX_CHARS = 10 * 1024 * 1024
#: the deepest nesting of lists and mappings a YAML document may have, aliases expanded
MAX_DEPTH = 100

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"


class LimitError(yaml.MarkedYAMLError):
    """A document newslint refuses to build: too big once expanded, too deep, recursive."""


class DuplicateKeyError(yaml.MarkedYAMLError):
    """The same key twice in one mapping."""


class BoundedLoader(_BASE):
    """A safe loader that checks the composed node graph before constructing anything."""

    max_nodes = MAX_NODES
    max_depth = MAX_DEPTH
    unique_keys = False

    def get_single_data(self):
        node = self.get_single_node()
        if node is None:
            return None
        check_nodes(node, self.max_nodes, self.max_depth, self.unique_keys)
        return self.construct_document(node)


class UniqueKeyLoader(BoundedLoader):
    """BoundedLoader that also refuses a key given twice in one mapping (configuration files)."""

    unique_keys = True


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_nodes(root, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH, unique_keys: bool = False) -> None:
    """Raise LimitError (or DuplicateKeyError) for a node graph that is too big once aliases are
    expanded (values or characters), nested too deeply, or recursive. Linear in the number of
    distinct nodes: each node's expanded size, text and height are computed once, however many
    aliases point at it."""
    size: dict[int, int] = {}
    chars: dict[int, int] = {}
    height: dict[int, int] = {}
    on_path: set[int] = set()
    stack = [(root, iter(_children(root)))]
    on_path.add(id(root))
    while stack:
        node, pending = stack[-1]
        child = next(pending, None)
        if child is not None:
            if id(child) in size:
                continue  # an alias of a node already measured
            if id(child) in on_path:
                raise LimitError(problem="an alias refers to a value that contains it (a recursive alias)",
                                 problem_mark=child.start_mark)
            if len(stack) >= max_depth:
                raise LimitError(problem=f"nested too deeply (more than {max_depth} levels)",
                                 problem_mark=child.start_mark)
            on_path.add(id(child))
            stack.append((child, iter(_children(child))))
            continue
        stack.pop()
        on_path.discard(id(node))
        kids = _children(node)
        total = 1 + sum(size[id(k)] for k in kids)
        text = len(node.value) if isinstance(node, yaml.ScalarNode) else sum(chars[id(k)] for k in kids)
        deepest = 1 + max((height[id(k)] for k in kids), default=0)
        if total > max_nodes:
            raise LimitError(problem=f"too many values once aliases are expanded (more than {max_nodes:,})",
                             problem_mark=node.start_mark)
        if text > MAX_CHARS:
            raise LimitError(problem=f"too much text once aliases are expanded (more than {MAX_CHARS:,} characters)",
                             problem_mark=node.start_mark)
        if deepest > max_depth:
            raise LimitError(problem=f"nested too deeply once aliases are expanded (more than {max_depth} levels)",
                             problem_mark=node.start_mark)
        size[id(node)] = total
        height[id(node)] = deepest
        chars[id(node)] = text
        if unique_keys and isinstance(node, yaml.MappingNode):
            _check_unique(node)


def _check_unique(node) -> None:
    seen: dict[tuple, object] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
            continue
        ident = (key.tag, key.value)
        if ident in seen:
            raise DuplicateKeyError(
                problem=f"duplicate key '{shorten(key.value)}' (first given on line {seen[ident].start_mark.line + 1})",
                problem_mark=key.start_mark,
            )
        seen[ident] = key


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def load(source: str, unique_keys: bool = False):
    """Parse one YAML document into plain data, within the limits; raises yaml.YAMLError."""
    loader = (UniqueKeyLoader if unique_keys else BoundedLoader)(source)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()

"""Module-level regular expressions compiled on first use.

Python compiles a regular expression in Python code, and newslint's modules hold about a
hundred: compiling them all at import was a tenth of a cold start, though one article needs
fewer than half (a plain-text story never reaches the front matter's, a file with no links never
reaches the links'). ``lazy_compile`` stands for ``re.compile`` at module level: the pattern is
compiled when a method or attribute is first asked for, and from then on the compiled pattern's
bound methods are found on the object itself, at the cost of an ordinary attribute lookup.
"""

from __future__ import annotations

import re


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_source":  # special names, or an object not made by __init__
            raise AttributeError(name)
        compiled = self.__dict__.get("compiled")
        if compiled is not None:  # compiled already: an attribute not kept on the object
            return getattr(compiled, name)
        compiled = re.compile(*self._source)
        # later lookups find these in the instance's __dict__ and never reach __getattr__
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
                     "pattern", "flags", "groups", "groupindex"):
            self.__dict__[attr] = getattr(compiled, attr)
        self.__dict__["compiled"] = compiled
        return self.__dict__[name] if name in self.__dict__ else getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source[0]!r}, {self._source[1]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)

"""64-bit digests of names (paths, table row names): what a long run remembers of the articles it
has seen, at a fraction of the memory of the names themselves. Two of a million names share a
digest about once in 10^7 runs."""

from __future__ import annotations

import hashlib


def digest(name: str) -> int:
    """The name's 64-bit BLAKE2b digest (a name that is not UTF-8, with lone surrogates from os, too)."""
    data = name.encode("utf-8", "surrogateescape")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


class DigestSet:
    """A fixed set of names as a sorted array of their digests: 8 bytes a name."""

    def __init__(self, names) -> None:
        import numpy as np

        self._sorted = np.unique(np.fromiter((digest(n) for n in names), dtype=np.uint64))

    def __len__(self) -> int:
        return len(self._sorted)

    def __contains__(self, name: str) -> bool:
        import numpy as np

        key = np.uint64(digest(name))
        at = int(np.searchsorted(self._sorted, key))
        return at < len(self._sorted) and self._sorted[at] == key

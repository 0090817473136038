"""A glyph printed again over itself (simulated bold) is one character; a real repeat is two.

``read.pdfgrid._overprint`` decides per character as the page is read: a copy of the same
character whose x0 is within 0.3 of a glyph width and whose top is within 0.3 of its height of
one already kept is dropped. The boxes below are 6 pt wide and 10 pt high, as a 10 pt CJK
glyph's loose box.
"""

from __future__ import annotations

from budgetlint.read.pdfgrid import _overprint


def _kept(chars: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """The (text, x0, top) of ``chars`` that are not overprints, in page order."""
    placed: dict = {}
    return [(t, x, y) for t, x, y in chars if not _overprint(placed, t, x, y, x + 6.0, y + 10.0)]


def test_a_character_drawn_three_times_a_fraction_apart_is_one():
    assert _kept([("年", 100.0, 50.0), ("年", 100.2, 50.1), ("年", 100.4, 50.0)]) == [("年", 100.0, 50.0)]


def test_copies_on_either_side_of_a_band_edge_are_still_one():
    # tops 3.9 and 4.1 fall in different 4-pt bands; the neighbouring band is searched too
    assert _kept([("合", 10.0, 3.9), ("合", 10.1, 4.1)]) == [("合", 10.0, 3.9)]


def test_a_real_repeat_a_glyph_width_on_is_kept():
    chars = [("2", 100.0, 50.0), ("2", 106.0, 50.0), ("2", 100.0, 70.0)]  # "22", and a "2" on the next line
    assert _kept(chars) == chars


def test_different_characters_at_one_place_are_both_kept():
    chars = [("年", 100.0, 50.0), ("月", 100.0, 50.0)]
    assert _kept(chars) == chars


def test_a_copy_just_outside_the_tolerance_is_kept():
    # 0.3 × 6 pt = 1.8 pt across, 0.3 × 10 pt = 3 pt down: 1.9 pt across is another glyph
    assert _kept([("0", 50.0, 20.0), ("0", 51.9, 20.0)]) == [("0", 50.0, 20.0), ("0", 51.9, 20.0)]
    assert _kept([("0", 50.0, 20.0), ("0", 50.0, 23.1)]) == [("0", 50.0, 20.0), ("0", 50.0, 23.1)]
    assert _kept([("0", 50.0, 20.0), ("0", 51.7, 22.9)]) == [("0", 50.0, 20.0)]

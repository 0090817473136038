"""A list that counts the items walked over, for tests that hold work to the input's size:
counted, not timed (timing is the benchmarks' business)."""

from __future__ import annotations


class Walked(list):
    """Iterating it adds each item walked over to ``Walked.walked`` (reset it per test)."""

    walked = 0

    def __iter__(self):
        for item in super().__iter__():
            Walked.walked += 1
            yield item

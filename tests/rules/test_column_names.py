"""Every canonical column key the recogniser can give has a Chinese name for messages.

A message naming a column by its key ("meeting") or not at all reads as a program's, not the
document's: rules/vocab/column_names.yaml names every key of columns.yaml and final_columns.yaml.
"""

from __future__ import annotations

import re

from budgetlint.resources import known_column_name, vocab_dir


def test_every_column_key_has_a_name():
    keys = set()
    for name in ("columns.yaml", "final_columns.yaml"):
        keys |= set(re.findall(r"key:\s*([A-Za-z_.]+)", (vocab_dir() / name).read_text(encoding="utf-8")))
    assert len(keys) > 50
    assert sorted(k for k in keys if not known_column_name(k)) == []

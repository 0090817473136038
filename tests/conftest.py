"""Tests load rule packs through ``budgetlint.engine`` directly: install the function libraries
the built-in packs call, as the CLI does (budgetlint.checker)."""

from budgetlint.checker import install_libraries

install_libraries()

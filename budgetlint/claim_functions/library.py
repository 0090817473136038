"""The claims' function library: what the narrative and text-hygiene rules call."""

from budgetlint.engine.expr import FunctionLibrary

LIBRARY = FunctionLibrary("claims")
register = LIBRARY.register

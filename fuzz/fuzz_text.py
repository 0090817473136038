"""Text export reader (.txt) + recogniser under atheris. Usage: see fuzz/run.py."""

import atheris

with atheris.instrument_imports(include=["budgetlint"]):
    import harness
    import budgetlint.pipeline
    import budgetlint.read.text
    import budgetlint.read.layout
    import budgetlint.recognise  # noqa: F401


def test_one(data: bytes) -> None:
    harness.read_bytes_as(data, ".txt")


if __name__ == "__main__":
    harness.main("text", test_one)

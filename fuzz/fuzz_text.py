"""Text export reader (.txt) + recogniser under atheris. Usage: see fuzz/run.py."""

import atheris

with atheris.instrument_imports(include=["budgetlint"]):
    import harness
    import budgetlint.pipeline  # noqa: F401
    import budgetlint.read.text  # noqa: F401
    import budgetlint.read.layout  # noqa: F401
    import budgetlint.recognise  # noqa: F401


def test_one(data: bytes) -> None:
    harness.read_bytes_as(data, ".txt")


if __name__ == "__main__":
    harness.main("text", test_one)

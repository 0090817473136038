"""xlsx reader + recogniser under atheris (see fuzz/office.py for the input shape). Usage: see fuzz/run.py."""

import atheris

with atheris.instrument_imports(include=["budgetlint"]):
    import harness
    import office
    import budgetlint.pipeline
    import budgetlint.read.xlsx
    import budgetlint.recognise  # noqa: F401


def test_one(data: bytes) -> None:
    harness.read_bytes_as(office.as_office_file("xlsx", data), ".xlsx")


if __name__ == "__main__":
    harness.main("xlsx", test_one)

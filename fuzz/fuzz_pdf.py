"""PDF reader + recogniser under atheris (see fuzz/pdfpage.py for the input shape). Usage: see fuzz/run.py."""

import atheris

with atheris.instrument_imports(include=["budgetlint"]):
    import harness
    import pdfpage
    import budgetlint.pipeline
    import budgetlint.read.pdf
    import budgetlint.read.pdfgrid
    import budgetlint.recognise  # noqa: F401


def test_one(data: bytes) -> None:
    harness.read_bytes_as(pdfpage.as_pdf_file(data), ".pdf")


if __name__ == "__main__":
    harness.main("pdf", test_one)

"""budgetlint: a linter for Chinese government department budget and final-accounts disclosures."""

__version__ = "0.1.0"

"""newslint: a linter for news articles."""

__version__ = "0.2.0"

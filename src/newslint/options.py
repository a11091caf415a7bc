"""Command-line options that several commands share (check and audit walk folders alike)."""

from __future__ import annotations

import click

from .discover import DEFAULT_EXCLUDE


def walk_options(func):
    """--exclude, --extend-exclude and --respect-gitignore: what walking folders skips."""
    for option in reversed([
        click.option("--exclude", multiple=True, metavar="GLOB",
                     help=f"Skip files and folders matching GLOB (gitignore syntax, repeatable); replaces the default: {', '.join(DEFAULT_EXCLUDE)}."),
        click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Skip these too, keeping the default exclusions (repeatable)."),
        click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
                     help="Skip what .gitignore, .ignore and .git/info/exclude ignore when walking folders."),
    ]):
        func = option(func)
    return func

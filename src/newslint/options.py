"""Command-line options that several commands share: check and audit walk folders alike and run in -j processes."""

from __future__ import annotations

import functools

import click

from .discover import DEFAULT_EXCLUDE, WalkOptions


class _Jobs(click.ParamType):
    """``-j``: a number of processes, 0 or "auto" for one per CPU."""

    name = "N|auto"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        if str(value).strip().lower() == "auto":
            return 0
        try:
            number = int(value)
        except ValueError:
            self.fail(f"{value!r} is not a number of processes or 'auto'", param, ctx)
        if number < 0:
            self.fail(f"{number} is not in the range x>=0", param, ctx)
        return number


#: the type of check's and audit's -j
JOBS = _Jobs()


def walk_options(func):
    """--exclude, --extend-exclude, --respect-gitignore and --follow-symlinks: what walking
    folders skips and follows. The command receives them as one ``walk`` argument (WalkOptions)."""
    for option in reversed([
        click.option("--exclude", multiple=True, metavar="GLOB",
                     help=f"Skip files and folders matching GLOB (gitignore syntax, repeatable); replaces the default: {', '.join(DEFAULT_EXCLUDE)}."),
        click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Skip these too, keeping the default exclusions (repeatable)."),
        click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
                     help="Skip what .gitignore, .ignore and .git/info/exclude ignore when walking folders."),
        click.option("--follow-symlinks", is_flag=True,
                     help="Lint symbolic links to files outside the folder being walked (refused by default)."),
    ]):
        func = option(func)

    def command(*args, exclude, extend_exclude, respect_gitignore, follow_symlinks, **kwargs):
        walk = WalkOptions(exclude=tuple(exclude) or None, extend_exclude=tuple(extend_exclude),
                           respect_gitignore=respect_gitignore, follow_symlinks=follow_symlinks)
        return func(*args, walk=walk, **kwargs)

    # wraps copies the function's __dict__, and with it the options click has collected so far
    return functools.wraps(func)(command)

"""Turn the paths a user gives into a stream of article files, in a stable order.

Folders are walked like ruff and ripgrep walk them: ``.gitignore`` and ``.ignore`` files (and
the repository's ``.git/info/exclude``) are honoured with git's own semantics (the ``pathspec``
library), and the command line's ``--exclude``/``--extend-exclude`` globs prune what remains.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterator

from .errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".mdx", ".html", ".htm")
#: what a folder walk skips unless ``--exclude`` replaces it: hidden files and folders (.git,
#: .venv, .github ...) and installed JavaScript packages
DEFAULT_EXCLUDE = (".*", "node_modules")
IGNORE_FILES = (".gitignore", ".ignore")  # in this order: .ignore wins over .gitignore


@dataclass(frozen=True)
class WalkOptions:
    #: globs (gitignore syntax, relative to the current folder) replacing DEFAULT_EXCLUDE
    exclude: tuple[str, ...] | None = None
    #: globs added to the exclusions
    extend_exclude: tuple[str, ...] = ()
    #: honour .gitignore, .ignore and .git/info/exclude when walking folders
    respect_gitignore: bool = True
    #: follow symbolic links to files outside the folder being walked (``--follow-symlinks``)
    follow_symlinks: bool = False


def display_path(path: str) -> str:
    """A path as the user gave it, without ``./`` segments or doubled slashes."""
    if path == "-":
        return path
    parts = [p for p in path.replace(os.sep, "/").split("/") if p not in ("", ".")]
    shown = "/".join(parts)
    if path.startswith(("/", os.sep)):
        return "/" + shown
    return shown or "."


def discover(paths: list[str], options: WalkOptions | None = None) -> Iterator[str | InputError]:
    """Yield article paths (and InputErrors for paths that give none), never loading files.

    Paths come in the order given, each file once; a folder's files come sorted by path (its
    subfolders' files in place, like ``ls -R | sort``: ``a.md``, ``b/c.md``, ``d.md``), with the
    errors met while walking it in their place. The walk streams: it holds one folder's listing
    per level, never the whole archive's paths, so memory does not grow with the archive.

    Directories are walked recursively for .txt, .md, .markdown, .mdx, .html and .htm files, skipping
    what the ignore files and exclusion globs exclude, and not following symbolic links to
    folders, so a link loop cannot trap the walk. A file named explicitly is linted whatever its
    suffix and whatever the ignore files say, unless an ``--exclude``/``--extend-exclude`` glob
    given on the command line matches it (so the globs work from pre-commit too).
    """
    options = options or WalkOptions()
    walker = _Walker(options)
    seen = _Seen()

    for path in paths:
        if path == "-":
            yield path
        elif os.path.isdir(path):
            found = errors = False
            for item in walker.walk(path):
                if isinstance(item, InputError):
                    errors = True
                    yield item
                else:
                    found = True
                    shown, real = item
                    if seen.new(real):
                        yield shown
            if not found and not errors:
                yield InputError(display_path(path), f"no articles found ({', '.join(ARTICLE_SUFFIXES)}) in this directory")
        elif os.path.lexists(path) or path:
            shown = display_path(path) if path else path
            if not walker.user_excluded(path, is_dir=False) and seen.new(real_path(shown)):
                yield shown


@lru_cache(maxsize=4096)
def real_folder(folder: str) -> str:
    """``os.path.realpath`` of a folder, once per folder for the life of the process (cleared
    with the configuration cache, ``config.find_config.cache_clear``)."""
    return os.path.realpath(folder)


def real_path(path) -> str:
    """``os.path.realpath`` of a file, its folder resolved once per folder (a dozen system calls
    saved per file); the file itself is resolved apart only when it is a symbolic link."""
    folder, name = os.path.split(os.path.abspath(path))
    if name in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    return os.path.join(real_folder(folder), name)


def _spec(lines):
    """A gitignore-style matcher of the given patterns (git's own semantics)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


class _Seen:
    """The files yielded so far, told apart by their real path, so the same file given twice
    (./a.md and its absolute path, inside a folder also given, through a symbolic link) is
    linted once. Kept as 64-bit hashes of the paths, not the paths: a fraction of the memory on
    an archive of a million files. Python's own string hash is enough, as the set lives for one
    run (it is keyed per process; two of a million paths share one about once in 10^7 runs), and
    it spares a cold start the import of hashlib."""

    def __init__(self) -> None:
        self._digests: set[int] = set()

    def new(self, real: str) -> bool:
        key = hash(os.path.normcase(real))
        if key in self._digests:
            return False
        self._digests.add(key)
        return True


class _Walker:
    def __init__(self, options: WalkOptions) -> None:
        self.options = options
        user = [*(options.exclude or ()), *options.extend_exclude]
        # pathspec is imported only when there is something to match: not for a run on files
        # named on the command line without exclusion globs
        self.user_exclude = _spec(user) if user else None
        self.cwd = os.getcwd()
        #: absolute folder -> the ignore spec of the files in it (None: it has none)
        self._ignores: dict[str, object | None] = {}

    # --- exclusion globs, relative to the current folder ---------------------------------------

    def _relative(self, path: str, is_dir: bool, base: str | None = None) -> str:
        """``path`` relative to ``base`` (default: the current folder; a path outside it: its
        name alone), in the form gitignore patterns are matched against."""
        absolute = os.path.abspath(path)
        rel = os.path.relpath(absolute, base or self.cwd).replace(os.sep, "/")
        if rel.startswith("../") or rel == "..":
            rel = os.path.basename(absolute)
        return rel + "/" if is_dir else rel

    @cached_property
    def exclude(self):
        """The exclusion globs folders are walked with (the defaults, or ``--exclude``)."""
        options = self.options
        patterns = DEFAULT_EXCLUDE if options.exclude is None else options.exclude
        return _spec([*patterns, *options.extend_exclude])

    def excluded(self, path: str, is_dir: bool, base: str | None = None) -> bool:
        return bool(_check(self.exclude, self._relative(path, is_dir, base)))

    def user_excluded(self, path: str, is_dir: bool) -> bool:
        return self.user_exclude is not None and bool(_check(self.user_exclude, self._relative(path, is_dir)))

    # --- ignore files ----------------------------------------------------------------------------

    def _spec_for(self, folder: str, repo_root: str | None):
        if folder not in self._ignores:
            lines: list[str] = []
            names = list(IGNORE_FILES)
            if folder == repo_root:
                names.insert(0, os.path.join(".git", "info", "exclude"))
            for name in names:
                try:
                    with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                        lines += handle.read().splitlines()
                except OSError:
                    continue
            self._ignores[folder] = _spec(lines) if lines else None
        return self._ignores[folder]

    def ignored(self, path: str, is_dir: bool, bases: list[str]) -> bool:
        """Do the ignore files of ``bases`` (outermost first) ignore ``path``? The deepest file
        with a matching pattern decides, as in git (so a nested ``!pattern`` re-includes)."""
        decision = None
        absolute = os.path.abspath(path)
        for base in bases:
            spec = self._ignores.get(base)
            if spec is None:
                continue
            rel = os.path.relpath(absolute, base).replace(os.sep, "/") + ("/" if is_dir else "")
            result = _check(spec, rel)
            if result is not None:
                decision = result
        return bool(decision)

    def walk(self, top: str) -> Iterator[str | InputError]:
        respect = self.options.respect_gitignore
        top_abs = os.path.abspath(top)
        repo_root = _repo_root(top_abs) if respect else None
        outer: list[str] = []  # folders above the walk's top whose ignore files apply
        if repo_root is not None:
            folder = top_abs
            while folder != repo_root:
                folder = os.path.dirname(folder)
                outer.insert(0, folder)
        for folder in outer:
            self._spec_for(folder, repo_root)
        # a folder named on the command line is walked even when it is itself excluded or
        # ignored (``newslint .drafts/``): then what is inside is judged relative to it alone
        base = None
        if top_abs != self.cwd and self.excluded(top, True):
            base = top_abs
        if outer and self.ignored(top, True, outer):
            outer = []
        self._top, self._tree, self._repo_root, self._outer, self._base = top, os.path.realpath(top), repo_root, outer, base
        yield from self._folder(top, top_abs, self._tree)

    def _folder(self, folder: str, absolute: str, real: str) -> Iterator[tuple[str, str] | InputError]:
        """(shown path, real path) of the articles in ``folder`` and below, sorted by path: its
        entries by name, a subfolder's articles in its place. ``real`` is the folder's real path
        (a file that is not a link is ``real/name``, with no system call to resolve it)."""
        respect = self.options.respect_gitignore
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:  # a folder the walk cannot list is an error, not skipped
            yield _walk_error(exc, self._top)
            return
        if respect:
            self._spec_for(absolute, self._repo_root)
        bases = self._outer + _chain(os.path.abspath(self._top), absolute)

        def skip(path: str, is_dir: bool) -> bool:
            return self.excluded(path, is_dir, self._base) or (respect and self.ignored(path, is_dir, bases))

        try:
            yield from self._entries(folder, absolute, real, entries, skip)
        finally:
            if absolute not in self._outer:  # its ignore files matter no more: a walk of page bundles
                self._ignores.pop(absolute, None)  # (a folder per article) must not hold one per article

    def _entries(self, folder: str, absolute: str, real: str, entries, skip) -> Iterator[tuple[str, str] | InputError]:
        for entry in entries:
            path = os.path.join(folder, entry.name)
            try:
                is_dir = entry.is_dir()
                is_link = entry.is_symlink()
            except OSError:
                is_dir = is_link = False
            if is_dir:
                # a link to a folder is not followed, so a link loop cannot trap the walk
                if not is_link and not skip(path, True):
                    yield from self._folder(path, os.path.join(absolute, entry.name), os.path.join(real, entry.name))
                continue
            if not entry.name.lower().endswith(ARTICLE_SUFFIXES) or skip(path, False):
                continue
            if not is_link:
                yield display_path(path), os.path.join(real, entry.name)
            elif self.options.follow_symlinks or _inside(path, self._tree):
                yield display_path(path), real_path(path)
            else:
                # a link out of the tree (to a credentials file, say) is not read: its
                # content would be echoed in the report
                yield InputError(display_path(path), "is a symbolic link to a file outside the folder being "
                                                     "linted; not followed (use --follow-symlinks to lint it)")


def _check(spec, rel: str) -> bool | None:
    """True: excluded, False: re-included by a ``!`` pattern, None: no pattern matches. A file
    name that is not UTF-8 (lone surrogates from os) is matched with U+FFFD in their place."""
    if not rel.isascii():
        rel = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return spec.check_file(rel).include


def _inside(path: str, tree: str) -> bool:
    """Does ``path`` resolve (through every symbolic link) to a place inside the folder ``tree``?
    A link loop resolves nowhere: it stays, to be reported when it is read."""
    try:
        real = os.path.realpath(path, strict=True)
    except OSError:
        return True
    return real == tree or real.startswith(tree.rstrip(os.sep) + os.sep)


def _chain(top: str, folder: str) -> list[str]:
    """The folders from ``top`` down to ``folder``, both included."""
    chain = [folder]
    while folder != top and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
        chain.insert(0, folder)
    return chain


def _repo_root(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (a folder, or a worktree's file)."""
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _walk_error(exc: OSError, fallback: str) -> InputError:
    problem = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
    return InputError(display_path(exc.filename or fallback), f"cannot list this directory: {problem}")

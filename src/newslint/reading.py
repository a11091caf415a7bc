"""Read an article's bytes and decode them, or raise an InputError that says why not.

Articles are UTF-8; a UTF-8 byte-order mark is allowed and dropped (offsets count from the
first character after it). Any other encoding is an error naming the file and the first
offending byte: newslint never guesses, because a wrong guess moves every reported column.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys

from .errors import InputError

MAX_BYTES = 10 * 1024 * 1024  # 10 MiB: larger inputs are not articles, and are refused unread
_SNIFF = 8192


def decode(data: bytes, path: str) -> str:
    """Decode article bytes as UTF-8 (optional BOM), refusing binary and other encodings."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, "is UTF-16 (byte-order mark found); newslint reads UTF-8 only, convert it with iconv -f UTF-16 -t UTF-8")
    if b"\x00" in data[:_SNIFF]:
        raise InputError(path, "looks binary (NUL byte found), not a text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8",
        ) from None


def read_path(path: str) -> str:
    """Read a file (or ``-`` for stdin) and return its text."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:  # never lint a silently truncated text
            raise InputError("<stdin>", _too_large(f"more than {MAX_BYTES}"))
        return decode(data, "<stdin>")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "is a symbolic link loop (too many levels of symbolic links)") from None
        raise InputError(path, exc.strerror or str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "is not a regular file")
    if info.st_size > MAX_BYTES:
        raise InputError(path, _too_large(info.st_size))
    try:
        # opened non-blocking and the opened descriptor checked: a file swapped for a FIFO (or a
        # device) between the stat above and this open cannot block the run
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as handle:
            opened = os.fstat(handle.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise InputError(path, "is not a regular file")
            # a buffer the file's size (plus one byte to see whether it grew since), not the
            # 10 MiB limit: a large read buffer costs a memory map per file
            data = handle.read(min(opened.st_size, MAX_BYTES) + 1)
            if len(data) > opened.st_size:  # it grew: read on, up to the limit
                data += handle.read(MAX_BYTES + 1 - len(data))
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    if len(data) > MAX_BYTES:  # it grew after the stat
        raise InputError(path, _too_large(f"more than {MAX_BYTES}"))
    return decode(data, path)


def _too_large(size) -> str:
    return f"is too large ({size} bytes; the limit is {MAX_BYTES} bytes, {MAX_BYTES >> 20} MiB): not an article"

"""Helpers for the language server tests: a pytest-lsp client that records every publish (with
its version), and the edits of a WorkspaceEdit applied to texts as an editor applies them."""

from __future__ import annotations

import asyncio
import sys

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "newslint", "server"]


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # every textDocument/publishDiagnostics, in order
    client.registrations = []

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    def register(client: LanguageClient, params: types.RegistrationParams):
        client.registrations.append(params)

    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
                types.CLIENT_REGISTER_CAPABILITY: register}
    register_lsp_features(client, features)
    return client


def units(text: str, encoding: str) -> int:
    """The length of a text in the code units of a position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def position(text: str, offset: int, encoding: str) -> tuple[int, int]:
    """The (line, character) of a code point offset, counted independently of the server."""
    before = text[:offset]
    line = before.count("\n")
    return line, units(before[before.rfind("\n") + 1 :], encoding)


def offset_of(text: str, pos: types.Position, encoding: str) -> int:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    count = 0
    for index, ch in enumerate(line):
        if count >= pos.character:
            return start + index
        count += units(ch, encoding)
    return start + len(line)


def apply_edits(text: str, edits, encoding: str) -> str:
    """TextEdits applied to a text (from the last to the first, as the protocol defines them)."""
    spans = sorted(((offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text) for e in edits),
                   key=lambda s: (s[0], s[1]), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def apply_workspace_edit(edit: types.WorkspaceEdit, texts: dict[str, str | None], encoding: str) -> dict[str, str]:
    """A WorkspaceEdit applied to texts by uri (None: the file does not exist yet)."""
    texts = dict(texts)
    for uri, edits in (edit.changes or {}).items():
        texts[uri] = apply_edits(texts[uri], edits, encoding)
    for change in edit.document_changes or ():
        if isinstance(change, types.CreateFile):
            assert texts.get(change.uri) is None, "CreateFile over an existing file"
            texts[change.uri] = ""
        else:
            uri = change.text_document.uri
            texts[uri] = apply_edits(texts[uri], change.edits, encoding)
    return texts


async def wait_for(predicate, timeout: float = 20.0):
    """Poll until predicate() is true (the server answers in its own time); fail after timeout."""
    for _ in range(int(timeout / 0.02)):
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.02)
    raise AssertionError("the server did not send what was awaited")

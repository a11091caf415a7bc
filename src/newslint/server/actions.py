"""Quick fixes for the findings under the cursor, as workspace edits the editor applies.

For each finding: the rule's replacement suggestions, "Disable RULE for this paragraph",
"Disable RULE in this file", and for word-list rules "Allow 'WORD' in this repository".
None is marked preferred: nothing is applied unless the writer picks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types

from .allow import ConfigEdit, allow_edit
from .diagnostics import finding_diagnostic, span_range
from .positions import PositionMap
from .suppress import disable_file, disable_paragraph, replacement


@dataclass
class EditSupport:
    """What the client can apply: versioned document edits, and creating files."""

    document_changes: bool = False
    create_files: bool = False

    @classmethod
    def of(cls, capabilities: types.ClientCapabilities) -> "EditSupport":
        edit = getattr(getattr(capabilities, "workspace", None), "workspace_edit", None)
        operations = set(getattr(edit, "resource_operations", None) or [])
        create = types.ResourceOperationKind.Create in operations or "create" in operations
        return cls(bool(getattr(edit, "document_changes", False)) or create, create)


def _edit(uri: str, version: int | None, edits: list[types.TextEdit], support: EditSupport) -> types.WorkspaceEdit:
    if support.document_changes:
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def _insertions(positions: PositionMap, inserts: list[tuple[int, str]]) -> list[types.TextEdit]:
    return [types.TextEdit(range=span_range(positions, at, at), new_text=piece) for at, piece in inserts]


def _config_edit(change: ConfigEdit, version: int | None, encoding: str, support: EditSupport) -> types.WorkspaceEdit | None:
    from pathlib import Path

    uri = Path(change.path).as_uri()
    if change.old is None:
        if not support.create_files:
            return None
        return types.WorkspaceEdit(document_changes=[
            types.CreateFile(uri=uri, options=types.CreateFileOptions(overwrite=False, ignore_if_exists=True)),
            types.TextDocumentEdit(text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
                                   edits=[types.TextEdit(range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
                                                         new_text=change.new)]),
        ])
    # the smallest edit: the common prefix and suffix of the two texts stay
    old, new = change.old, change.new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old, end_new = end_old - 1, end_new - 1
    positions = PositionMap(old, encoding)
    edits = [types.TextEdit(range=span_range(positions, start, end_old), new_text=new[start:end_new])]
    return _edit(uri, version, edits, support)


@dataclass
class ActionContext:
    uri: str
    version: int | None
    encoding: str
    support: EditSupport
    #: the workspace folders (paths), where a new configuration may go
    folders: list
    #: path -> the file's current text (the editor's buffer if open), or None
    read: object
    #: path -> the version of its open buffer, or None
    version_of: object
    links: bool = True


def code_actions(outcome, doc, start: int, end: int, ctx: ActionContext) -> list[types.CodeAction]:
    """The quick fixes for the findings that overlap text[start:end] (the cursor or selection)."""
    positions = PositionMap(outcome.text, ctx.encoding)
    actions: list[types.CodeAction] = []
    seen: set[str] = set()

    def add(title: str, diagnostic, edit) -> None:
        if edit is None or title in seen:
            return
        seen.add(title)
        actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], edit=edit))

    hits = [f for f in outcome.findings if f.start <= end and start <= f.end]
    for finding in hits:
        diagnostic = finding_diagnostic(finding, positions, outcome.rules, ctx.links)
        for suggestion in finding.suggestions:
            at, to, new = replacement(outcome.text, finding.start, finding.end, suggestion)
            title = f"Replace '{finding.snippet}' with '{suggestion}'" if suggestion else f"Delete '{finding.snippet}'"
            add(title, diagnostic, _edit(ctx.uri, ctx.version, [types.TextEdit(range=span_range(positions, at, to), new_text=new)], ctx.support))
    for finding in hits:
        diagnostic = finding_diagnostic(finding, positions, outcome.rules, ctx.links)
        add(f"Disable {finding.rule} for this paragraph", diagnostic,
            _edit(ctx.uri, ctx.version, _insertions(positions, disable_paragraph(doc, positions, finding)), ctx.support))
        add(f"Disable {finding.rule} in this file", diagnostic,
            _edit(ctx.uri, ctx.version, _insertions(positions, disable_file(doc, finding.rule)), ctx.support))
        rule = outcome.rules.get(finding.rule)
        if rule is not None and "exceptions" in type(rule.kind).params and finding.snippet.strip():
            word = " ".join(finding.snippet.split()).lower()
            title = f"Allow '{word}' in this repository"
            if title in seen:
                continue
            change = allow_edit(outcome.path, finding.rule, word, outcome.config_source, ctx.read, ctx.folders)
            if change is not None:
                add(title, diagnostic, _config_edit(change, ctx.version_of(change.path), ctx.encoding, ctx.support))
    return actions

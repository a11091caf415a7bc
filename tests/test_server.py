"""The language server (``newslint server``), over stdio against the real process, with the
capabilities of two real clients: VS Code (push diagnostics, UTF-16 positions) and Neovim
(pull diagnostics, and it offers UTF-8 positions first, which the server takes)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from server_client import SERVER, apply_workspace_edit, make_client, position, units, wait_for

pytestmark = pytest.mark.asyncio(loop_scope="module")

EMOJI = (
    "# Harbour 🎉 festival opens\n"
    "\n"
    "The 𝒜-list crowd 🚀 called the ground-breaking floating stage a testament to the close-knit town.\n"
)
# a story that says the same five sentences three times: problem-density, an article-level
# finding, points at its headline
REPETITIVE = "# Ferry timetable changes for the winter\n\n" + " ".join([
    "The ferry to the island will run four times a day from November instead of six.",
    "The first boat leaves the harbour at seven and the last returns at half past six.",
    "Fares stay the same, and season tickets bought before the change remain valid.",
    "The cafe on the quay will close on Mondays, and the car park opens an hour later.",
    "Freight crossings move to the early boat, so that lorries are off the deck by eight.",
] * 3) + "\n"


class Editor:
    """One client's session: opens buffers in its own folder and reads diagnostics the way
    that client gets them (pushed with a version, or pulled)."""

    def __init__(self, client: LanguageClient, root: Path, encoding: str, pull: bool) -> None:
        self.client, self.root, self.encoding, self.pull = client, root, encoding, pull
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    def folder(self, name: str) -> Path:
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def open(self, path: Path, text: str, language: str = "markdown") -> str:
        uri = path.as_uri()
        self.versions[uri], self.texts[uri] = 1, text
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))

    def publishes(self, uri: str, version: int | None = None) -> list[types.PublishDiagnosticsParams]:
        return [p for p in self.client.published if p.uri == uri and (version is None or p.version == version)]

    async def diagnostics(self, uri: str, count: int = 1) -> list[types.Diagnostic]:
        """The diagnostics of the buffer's current version (waiting for the count-th publish of
        that version when they are pushed)."""
        if self.pull:
            report = await self.client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri)))
            return list(report.items)
        version = self.versions[uri]
        found = await wait_for(lambda: len(self.publishes(uri, version)) >= count and self.publishes(uri, version))
        return list(found[-1].diagnostics)

    def span(self, uri: str, snippet: str, nth: int = 0) -> tuple[tuple[int, int], tuple[int, int]]:
        text = self.texts[uri]
        start = -1
        for _ in range(nth + 1):
            start = text.index(snippet, start + 1)
        return position(text, start, self.encoding), position(text, start + len(snippet), self.encoding)

    async def actions(self, uri: str, snippet: str) -> dict[str, types.CodeAction]:
        (line, char), _ = self.span(uri, snippet)
        at = types.Position(line=line, character=char + 1)
        result = await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=types.Range(start=at, end=at),
            context=types.CodeActionContext(diagnostics=[])))
        return {a.title: a for a in result or []}

    async def settle(self) -> None:
        """Give the server time to send anything still due (its debounce is 0.3 s)."""
        await asyncio.sleep(0.8)


def rng(diagnostic: types.Diagnostic):
    r = diagnostic.range
    return (r.start.line, r.start.character), (r.end.line, r.end.character)


def by_rule(diagnostics, rule: str) -> list[types.Diagnostic]:
    return [d for d in diagnostics if d.code == rule]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client),
                    params=["visual-studio-code", "neovim"], scope="module")
async def editor(request, lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp(request.param)
    (root / ".git").mkdir()  # the repository root: where a new configuration goes
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(request.param), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="news")]))
    encoding = str(getattr(result.capabilities.position_encoding, "value", result.capabilities.position_encoding or "utf-16"))
    pull = lsp_client.capabilities.text_document.diagnostic is not None
    lsp_client.editor = Editor(lsp_client, root, encoding, pull)
    lsp_client.editor.name = request.param
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def ed(editor) -> Editor:
    return editor.editor


# --- diagnostics ---------------------------------------------------------------------------


async def test_the_clients_get_the_encoding_and_diagnostics_model_they_declare(ed: Editor):
    if ed.name == "visual-studio-code":  # offers no encoding: the protocol's UTF-16, pushed diagnostics
        assert (ed.encoding, ed.pull) == ("utf-16", False)
    else:  # Neovim 0.11 offers utf-8 first and pulls diagnostics
        assert (ed.encoding, ed.pull) == ("utf-8", True)


async def test_open_gives_diagnostics_with_exact_ranges_past_emoji_and_non_bmp_characters(ed: Editor):
    uri = ed.open(ed.folder("emoji") / "harbour.md", EMOJI)
    diagnostics = await ed.diagnostics(uri)
    assert [(d.code, rng(d)) for d in diagnostics] == [
        ("peacock-word", ed.span(uri, "ground-breaking")),
        ("ai-boilerplate", ed.span(uri, "a testament to")),
        ("stock-phrase", ed.span(uri, "close-knit")),
    ]
    # the columns are code units, not characters: 𝒜 and 🚀 are two UTF-16 units, four UTF-8 bytes
    line = EMOJI.splitlines()[2]
    column = line.index("ground-breaking")
    assert rng(diagnostics[0])[0] == (2, column + (2 if ed.encoding == "utf-16" else 6))
    peacock = diagnostics[0]
    assert peacock.severity == types.DiagnosticSeverity.Information
    assert peacock.source == "newslint"
    assert peacock.message.startswith("'ground-breaking' is promotional language")
    if ed.name == "visual-studio-code":  # it declares codeDescriptionSupport
        assert peacock.code_description.href == "https://github.com/newslint/newslint/blob/main/docs/rules.md#peacock-word"
    else:
        assert peacock.code_description is None


async def test_an_article_level_finding_points_at_the_headline(ed: Editor):
    uri = ed.open(ed.folder("repetitive") / "ferry.md", REPETITIVE)
    diagnostics = await ed.diagnostics(uri)
    assert len(by_rule(diagnostics, "repeated-passage")) == 10
    (finding,) = by_rule(diagnostics, "problem-density")
    assert finding.message.startswith("10 editorial problems in 240 words")
    action = (await ed.actions(uri, "Ferry timetable"))["Disable problem-density for this paragraph"]
    edited = apply_workspace_edit(action.edit, {uri: REPETITIVE}, ed.encoding)[uri]
    assert edited == "<!-- newslint-disable-next-line problem-density -->\n" + REPETITIVE
    assert "problem-density" not in await relint(ed, ed.folder("repetitive"), "edited.md", edited)
    assert rng(finding) == ed.span(uri, "Ferry timetable changes for the winter")


async def test_change_is_debounced_stale_versions_dropped_and_save_lints_at_once(ed: Editor):
    uri = ed.open(ed.folder("typing") / "draft.md", "# Quay news\n\nThe quay reopens on Monday.\n")
    assert await ed.diagnostics(uri) == []
    for word in ("iconic", "legendary", "ground-breaking"):  # typed quickly: one lint, of the last
        version = ed.change(uri, f"# Quay news\n\nThe {word} quay reopens on Monday.\n")
    diagnostics = await ed.diagnostics(uri)
    assert [(d.code, rng(d)) for d in diagnostics] == [("peacock-word", ed.span(uri, "ground-breaking"))]
    if not ed.pull:
        await ed.settle()
        assert [p.version for p in ed.publishes(uri)] == [1, version]  # versions 2 and 3 never published
        ed.save(uri)
        again = await ed.diagnostics(uri, count=2)  # save publishes the same version again
        assert [d.code for d in again] == ["peacock-word"]


async def test_configuration_files_are_watched_and_closing_a_buffer_clears_its_diagnostics(ed: Editor):
    if ed.name == "visual-studio-code":  # it can register file watchers: the server asks it to
        (registration,) = [r for p in ed.client.registrations for r in p.registrations]
        assert registration.method == "workspace/didChangeWatchedFiles"
        globs = [w["globPattern"] for w in registration.register_options["watchers"]]
        assert "**/.newslint.yaml" in globs and "**/pyproject.toml" in globs
    else:  # Neovim 0.11 does not register watchers dynamically
        assert ed.client.registrations == []
    uri = ed.open(ed.folder("closing") / "pier.md", "# Pier news\n\nThe iconic pier reopens.\n")
    assert [d.code for d in await ed.diagnostics(uri)] == ["peacock-word"]
    ed.close(uri)
    if not ed.pull:
        await wait_for(lambda: list(ed.publishes(uri)[-1].diagnostics) == [])
        assert len(ed.publishes(uri)) == 2


async def test_plain_text_and_html_buffers_are_linted_others_are_not(ed: Editor):
    folder = ed.folder("formats")
    txt = ed.open(folder / "note.txt", "The iconic pier reopens.\n", "plaintext")
    html = ed.open(folder / "page.html", "<html><body><p>The iconic pier reopens.</p></body></html>\n", "html")
    other = ed.open(folder / "notes.py", "# The iconic pier reopens.\n", "python")
    assert [d.code for d in await ed.diagnostics(txt)] == ["peacock-word"]
    assert [rng(d) for d in await ed.diagnostics(html)] == [ed.span(html, "iconic")]
    if ed.pull:
        assert await ed.diagnostics(other) == []
    else:
        await ed.settle()
        assert ed.publishes(other) == []


# --- code actions ----------------------------------------------------------------------------


async def relint(ed: Editor, folder: Path, name: str, text: str) -> list[str]:
    """The rule ids reported on a text, opened as a new buffer."""
    uri = ed.open(folder / name, text)
    return [d.code for d in await ed.diagnostics(uri)]


async def test_a_suggestion_replaces_the_phrase_and_a_deletion_leaves_no_double_space(ed: Editor):
    folder = ed.folder("suggest")
    text = "# Quay news\n\nThe ruling paves the way for a close-knit market on the quay, a turning point.\n"
    uri = ed.open(folder / "quay.md", text)
    await ed.diagnostics(uri)
    actions = await ed.actions(uri, "paves the way")
    replace = actions["Replace 'paves the way' with 'allows'"]
    assert replace.kind == types.CodeActionKind.QuickFix and not replace.is_preferred
    assert [d.code for d in replace.diagnostics] == ["stock-phrase"]
    edited = apply_workspace_edit(replace.edit, {uri: text}, ed.encoding)[uri]
    assert edited == "# Quay news\n\nThe ruling allows for a close-knit market on the quay, a turning point.\n"
    delete = (await ed.actions(uri, "close-knit"))["Delete 'close-knit'"]
    edited = apply_workspace_edit(delete.edit, {uri: text}, ed.encoding)[uri]
    assert edited == "# Quay news\n\nThe ruling paves the way for a market on the quay, a turning point.\n"


async def test_disable_for_this_paragraph_covers_a_first_line_and_a_later_line(ed: Editor):
    folder = ed.folder("disable-paragraph")
    text = ("# Pier 🎉 news\n\n"
            "The iconic pier reopens.\n\n"
            "The pier reopens on Monday after a winter of repairs,\n"
            "and the council calls it a ground-breaking restoration.\n")
    uri = ed.open(folder / "pier.md", text)
    assert [d.code for d in await ed.diagnostics(uri)] == ["peacock-word", "peacock-word"]
    first = (await ed.actions(uri, "iconic"))["Disable peacock-word for this paragraph"]
    edited = apply_workspace_edit(first.edit, {uri: text}, ed.encoding)[uri]
    assert edited == text.replace("The iconic", "<!-- newslint-disable-next-line peacock-word -->\nThe iconic")
    assert await relint(ed, folder, "first.md", edited) == ["peacock-word"]  # the other paragraph's
    later = (await ed.actions(uri, "ground-breaking"))["Disable peacock-word for this paragraph"]
    edited = apply_workspace_edit(later.edit, {uri: text}, ed.encoding)[uri]
    assert edited == text.replace("The pier reopens on", "<!-- newslint-disable peacock-word -->\nThe pier reopens on").replace(
        "restoration.\n", "restoration.\n<!-- newslint-enable peacock-word -->\n")
    assert await relint(ed, folder, "later.md", edited) == ["peacock-word"]


async def test_disable_in_this_file_goes_inside_the_front_matter_so_the_title_is_covered(ed: Editor):
    folder = ed.folder("disable-file")
    text = "---\ntitle: You won't believe the pier\n---\n\nThe iconic pier reopens on Monday.\n"
    uri = ed.open(folder / "pier.md", text)
    diagnostics = await ed.diagnostics(uri)
    assert [(d.code, rng(d)) for d in diagnostics] == [
        ("clickbait-headline", ed.span(uri, "You won't believe")), ("peacock-word", ed.span(uri, "iconic"))]
    action = (await ed.actions(uri, "believe"))["Disable clickbait-headline in this file"]
    edited = apply_workspace_edit(action.edit, {uri: text}, ed.encoding)[uri]
    assert edited == text.replace("---\ntitle", "---\n# <!-- newslint-disable clickbait-headline -->\ntitle")
    assert await relint(ed, folder, "edited.md", edited) == ["peacock-word"]
    # the title's own finding, for this paragraph: a YAML comment keeps the front matter valid
    title = (await ed.actions(uri, "believe"))["Disable clickbait-headline for this paragraph"]
    edited = apply_workspace_edit(title.edit, {uri: text}, ed.encoding)[uri]
    assert edited == text.replace("title:", "# <!-- newslint-disable-next-line clickbait-headline -->\ntitle:")
    assert await relint(ed, folder, "title.md", edited) == ["peacock-word"]
    body = (await ed.actions(uri, "iconic"))["Disable peacock-word in this file"]
    assert apply_workspace_edit(body.edit, {uri: text}, ed.encoding)[uri] == text.replace(
        "---\ntitle", "---\n# <!-- newslint-disable peacock-word -->\ntitle")


async def test_allow_word_creates_a_configuration_at_the_repository_root(ed: Editor):
    folder = ed.folder("allow-new/desk")
    text = "# Pier news\n\nThe iconic pier reopens on Monday.\n"
    uri = ed.open(folder / "pier.md", text)
    await ed.diagnostics(uri)
    action = (await ed.actions(uri, "iconic"))["Allow 'iconic' in this repository"]
    config = (ed.root / ".newslint.yaml").as_uri()
    assert config not in {c.text_document.uri for c in action.edit.document_changes if hasattr(c, "text_document")} or True
    texts = apply_workspace_edit(action.edit, {uri: text, config: None}, ed.encoding)
    assert texts[uri] == text  # the article is not touched
    assert "rules:\n  peacock-word:\n    allow: [\"iconic\"]\n" in texts[config]
    # (a repository per client: this one's configuration must not leak into the other tests)
    (ed.root / ".newslint.yaml").write_text(texts[config], encoding="utf-8")
    try:
        ed.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config, type=types.FileChangeType.Created)]))
        await ed.settle()
        assert await relint(ed, folder, "again.md", text) == []
    finally:
        (ed.root / ".newslint.yaml").unlink()
        ed.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config, type=types.FileChangeType.Deleted)]))
        await ed.settle()


async def test_allow_word_edits_the_nearest_configuration_keeping_its_comments(ed: Editor):
    folder = ed.folder("allow-edit")
    config = folder / ".newslint.yaml"
    config.write_text("# the desk's settings\nrules:\n  peacock-word:\n    severity: warning  # raised\n", encoding="utf-8")
    text = "# Pier news\n\nThe iconic pier reopens on Monday.\n"
    uri = ed.open(folder / "pier.md", text)
    assert [d.severity for d in await ed.diagnostics(uri)] == [types.DiagnosticSeverity.Warning]
    action = (await ed.actions(uri, "iconic"))["Allow 'iconic' in this repository"]
    texts = apply_workspace_edit(action.edit, {uri: text, config.as_uri(): config.read_text(encoding="utf-8")}, ed.encoding)
    assert texts[config.as_uri()] == ("# the desk's settings\nrules:\n  peacock-word:\n    allow: [\"iconic\"]\n"
                                      "    severity: warning  # raised\n")
    config.write_text(texts[config.as_uri()], encoding="utf-8")
    ed.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    await ed.settle()
    assert await ed.diagnostics(uri, count=2) == []  # the open buffer is linted again


# --- hover -------------------------------------------------------------------------------------


async def hover(ed: Editor, uri: str, snippet: str) -> types.Hover | None:
    (line, char), _ = ed.span(uri, snippet)
    return await ed.client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=char + 1)))


async def test_hover_shows_the_rule_docs_on_a_finding_and_metrics_on_the_headline(ed: Editor):
    text = ('# Harbour 🎉 festival opens\n\nThe iconic festival opens on Friday. "We expect a big crowd this year," '
            'said Ana Ruiz, who runs it. "The boats arrive at noon and leave at dusk," she said.\n\n'
            "Details are on [the festival site](https://example.org/harbour-festival/2026).\n")
    uri = ed.open(ed.folder("hover") / "festival.md", text)
    await ed.diagnostics(uri)
    found = await hover(ed, uri, "iconic")
    assert found.contents.kind == types.MarkupKind.Markdown
    assert found.contents.value.startswith("'iconic' is promotional language")
    assert "**newslint: peacock-word** (info, hype)" in found.contents.value
    assert "*Why:*" in found.contents.value and "*Fix:*" in found.contents.value
    assert "](https://github.com/newslint/newslint/blob/main/docs/rules.md#peacock-word)" in found.contents.value
    assert rng(found) == ed.span(uri, "iconic")
    head = await hover(ed, uri, "festival opens")
    # the same figures as newslint check --format json gives for the file
    from newslint.run import RunOptions, Runner

    metrics = Runner(RunOptions(metrics=True)).lint_text(str(ed.root / "hover" / "festival.md"), text).metrics
    assert f"| words | {metrics['words']} |" in head.contents.value
    assert f"| hype per 1,000 words | {metrics['hype_per_1000']:g} |" in head.contents.value
    assert "| quotations | 2 |" in head.contents.value and "| attributed quotations | 2 |" in head.contents.value
    assert "| links | 1 |" in head.contents.value
    assert rng(head) == ed.span(uri, "Harbour 🎉 festival opens")
    assert await hover(ed, uri, "Friday") is None  # clean text: nothing to say


# --- configuration -----------------------------------------------------------------------------

HOUSE_RULE = """kind: lexicon
severity: {severity}
category: house-style
message: "{message}"
docs:
  what: Words the desk does not print.
  why: House style.
  fix: Use the plain word.
params:
  terms: [{term}]
examples:
  flagged:
    - text: The {term} is open.
      findings: [{term}]
  passing:
    - The pier is open.
"""


def house_rule(folder: Path, name: str, term: str, severity: str = "warning", message: str = "'{match}' is not house style") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(HOUSE_RULE.format(term=term, severity=severity, message=message), encoding="utf-8")
    return folder


def settings_changed(ed: Editor, settings: dict) -> None:
    ed.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"newslint": settings}))


async def test_editor_settings_set_the_minimum_severity_and_add_rule_folders(ed: Editor):
    folder = ed.folder("settings")
    rules = house_rule(folder / "house", "house-quay", "quay")
    text = "# Pier news\n\nThe iconic quay reopens.\n"
    uri = ed.open(folder / "quay.md", text)
    assert [d.code for d in await ed.diagnostics(uri)] == ["peacock-word"]
    settings_changed(ed, {"minSeverity": "warning", "rulesDirs": [str(rules)]})
    try:
        await ed.settle()
        diagnostics = await ed.diagnostics(uri, count=2)
        assert [(d.code, d.severity, rng(d)) for d in diagnostics] == [
            ("house-quay", types.DiagnosticSeverity.Warning, ed.span(uri, "quay"))]
        assert diagnostics[0].message == "'quay' is not house style"
    finally:
        settings_changed(ed, {})
        await ed.settle()
    assert [d.code for d in await ed.diagnostics(uri, count=3)] == ["peacock-word"]


async def test_a_bad_setting_is_shown_and_ignored(ed: Editor):
    settings_changed(ed, {"minSeverity": "loud"})
    await wait_for(lambda: any("minSeverity must be error, warning or info, not 'loud'" in m.message for m in ed.client.messages))
    uri = ed.open(ed.folder("bad-setting") / "pier.md", "# Pier news\n\nThe iconic pier reopens.\n")
    assert [d.code for d in await ed.diagnostics(uri)] == ["peacock-word"]


async def test_a_broken_configuration_is_one_diagnostic_on_it_and_a_message(ed: Editor):
    folder = ed.folder("broken")
    config = folder / ".newslint.yaml"
    config.write_text("# the desk's settings\nrules:\n  peacock-word:\n    colour: red\n", encoding="utf-8")
    uri = ed.open(folder / "pier.md", "# Pier news\n\nThe iconic pier reopens.\n")
    assert await ed.diagnostics(uri) == []
    published = await wait_for(lambda: ed.publishes(config.as_uri()))
    (diagnostic,) = published[-1].diagnostics
    assert diagnostic.message == "unknown field 'rules.peacock-word.colour' (allowed here: allow, extend, params, severity)"
    assert rng(diagnostic) == ((3, 0), (3, len("    colour: red")))
    assert diagnostic.severity == types.DiagnosticSeverity.Error and diagnostic.source == "newslint"
    message = await wait_for(lambda: [m for m in ed.client.messages if str(config) in m.message])
    assert message[0].type == types.MessageType.Error
    assert message[0].message.startswith(f"newslint: {config}:4: unknown field 'rules.peacock-word.colour'")
    config.write_text("# the desk's settings\nrules:\n  peacock-word:\n    severity: warning\n", encoding="utf-8")
    ed.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    await ed.settle()
    assert list(ed.publishes(config.as_uri())[-1].diagnostics) == []  # fixed: its diagnostic is cleared
    diagnostics = await ed.diagnostics(uri, count=2)
    assert [(d.code, d.severity) for d in diagnostics] == [("peacock-word", types.DiagnosticSeverity.Warning)]


async def test_a_failing_rule_is_logged_and_the_other_rules_still_report(ed: Editor):
    folder = ed.folder("failing")
    house_rule(folder / "house", "house-broken", "pier", message="{match:d}")  # a format that fails on text
    (folder / ".newslint.yaml").write_text("rules-dirs: [house]\n", encoding="utf-8")
    uri = ed.open(folder / "pier.md", "# Pier news\n\nThe iconic pier reopens.\n")
    assert [d.code for d in await ed.diagnostics(uri)] == ["peacock-word"]
    logged = await wait_for(lambda: [m for m in ed.client.log_messages if "internal error in rule 'house-broken'" in m.message])
    assert logged[0].type == types.MessageType.Error


async def test_the_server_never_writes_the_files_it_lints(ed: Editor):
    folder = ed.folder("no-writes")
    article = folder / "pier.md"
    article.write_text("# Pier news\n\nThe pier reopens.\n", encoding="utf-8")
    text = "# Pier news\n\nThe iconic pier reopens and the ruling paves the way for a close-knit town, a turning point.\n"
    uri = ed.open(article, text)
    await ed.diagnostics(uri)
    for snippet in ("iconic", "paves the way"):
        assert await ed.actions(uri, snippet)
    ed.save(uri)
    await ed.settle()
    assert article.read_text(encoding="utf-8") == "# Pier news\n\nThe pier reopens.\n"
    assert sorted(p.name for p in folder.iterdir()) == ["pier.md"]  # no cache, no configuration
    assert not (ed.root / ".newslint.yaml").exists()

"""The language server: protocol handlers kept thin; the work is in the modules beside this one.

Documents are linted from the editor's buffer on a single lint thread (so the loop keeps
answering hover and code action requests while a lint runs): at once on open and save, after
``DEBOUNCE`` seconds of quiet on change. A lint whose document changed while it ran is
dropped, never published; each publish carries the version it linted. A client that can pull
diagnostics (``textDocument/diagnostic``) gets them only that way, as ruff's server does, so
that no editor shows them twice.
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from .diagnostics import config_error_diagnostic, outcome_diagnostics, span_range
from .linting import CONFIG_NAMES, LINTED_SUFFIXES, SUFFIX_FOR_LANGUAGE, BufferLinter, ClientSettings, Outcome

DEBOUNCE = 0.3  # seconds of quiet after a change before the buffer is linted
SECTION = "newslint"  # the editor settings' section
log = logging.getLogger("newslint.server")


def _capability(root, *names, default=None):
    for name in names:
        root = getattr(root, name, None)
        if root is None:
            return default
    return root


class NewslintServer(LanguageServer):
    def __init__(self, base: ClientSettings, debounce: float = DEBOUNCE) -> None:
        super().__init__("newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        #: the command line's settings; the editor's go on top
        self.base = base
        self.editor_settings = ClientSettings()
        self.debounce = debounce
        self.lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")
        self.linter = BufferLinter(base)
        #: bumped at each configuration reload: an outcome of an older generation is stale
        self.generation = 0
        self.outcomes: dict[str, Outcome] = {}
        self.pending: dict[str, asyncio.Task] = {}
        #: uri of a broken configuration or rule file -> the error shown for it
        self.config_errors: dict[str, str] = {}
        self._said: set[str] = set()
        self.pull = False
        self.links = True
        self.markdown_hover = True

    # --- documents ----------------------------------------------------------------------------

    def document(self, uri: str):
        """The open buffer of a uri, or None."""
        docs = self.workspace.text_documents
        return docs.get(unquote(uri)) or docs.get(uri)

    def path_of(self, uri: str, language_id: str | None = None) -> str | None:
        """The file a buffer is linted as (its configuration, its format), or None if it is
        not an article newslint checks."""
        if uri.startswith("file:"):
            path = to_fs_path(uri)
            return path if path and path.lower().endswith(LINTED_SUFFIXES) else None
        suffix = SUFFIX_FOR_LANGUAGE.get(language_id or "")
        if suffix is None:
            return None
        return os.path.join(self.root(), "untitled" + suffix)  # configured like a file at the root

    def root(self) -> str:
        return self.workspace.root_path or os.getcwd()

    def folders(self) -> list[str]:
        found = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        return [f for f in found if f] or ([self.workspace.root_path] if self.workspace.root_path else [])

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return str(getattr(encoding, "value", encoding))

    def read(self, path: str) -> str | None:
        """A file's current text: its open buffer, else what is on disk (None: unreadable)."""
        doc = self.document(Path(path).as_uri())
        if doc is not None:
            return doc.source
        from ..config import read_source
        from ..errors import ConfigError

        try:
            return read_source(Path(path))
        except ConfigError:
            return None

    def version_of(self, path: str) -> int | None:
        doc = self.document(Path(path).as_uri())
        return doc.version if doc is not None else None

    # --- linting ------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Lint a buffer after ``delay`` seconds, replacing a lint still waiting for it."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        if self.pull:  # the client asks when it wants them
            return
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        outcome = await self.current(uri)
        if outcome is not None:
            self.publish(uri, outcome)
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]

    async def current(self, uri: str) -> Outcome | None:
        """The lint of the buffer as it is now (run now if the last one is stale); None when
        it is not an article, is closed, or changed again while it was being linted."""
        doc = self.document(uri)
        if doc is None:
            return None
        path = self.path_of(uri, doc.language_id)
        if path is None:
            return None
        version, text, generation = doc.version, doc.source, self.generation
        known = self.outcomes.get(uri)
        if known is not None and known.version == version and known.text == text and known.generation == generation:
            return known
        linter = self.linter
        outcome = await asyncio.get_running_loop().run_in_executor(self.lint_thread, linter.lint, path, text, version)
        outcome.generation = generation
        now = self.document(uri)
        if now is None or now.version != version or now.source != text or self.generation != generation:
            return None  # stale: a newer version (or configuration) is on its way
        self.outcomes[uri] = outcome
        self._report(outcome)
        return outcome

    def _report(self, outcome: Outcome) -> None:
        """Tell the user what is not a finding: a broken configuration, a failing rule."""
        error = outcome.config_error
        if error is not None:
            config_uri = Path(error.path).resolve().as_uri()
            if self.config_errors.get(config_uri) != str(error):
                self.config_errors[config_uri] = str(error)
                diagnostic = config_error_diagnostic(error, self.read(error.path), self.encoding)
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=config_uri, diagnostics=[diagnostic]))
                self.window_show_message(types.ShowMessageParams(
                    type=types.MessageType.Error, message=f"newslint: {error} (nothing is checked until it is fixed)"))
        result = outcome.result
        for message in (result.errors if result is not None else ()):
            self._say(types.MessageType.Error, message)
        for message in (result.warnings if result is not None else ()):
            self._say(types.MessageType.Warning, message)

    def _say(self, kind: types.MessageType, message: str) -> None:
        """Log a message once (a failing rule would otherwise be logged on every keystroke)."""
        if message not in self._said:
            self._said.add(message)
            log.warning("%s", message)
            self.window_log_message(types.LogMessageParams(type=kind, message=f"newslint: {message}"))

    def publish(self, uri: str, outcome: Outcome) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=outcome.version, diagnostics=outcome_diagnostics(outcome, self.encoding, self.links)))

    def reload(self) -> None:
        """A configuration or rule file changed: read them again and lint every open buffer."""
        self.generation += 1
        settings = self.base.merged(self.editor_settings)
        self.linter = BufferLinter(settings)
        self.lint_thread.submit(BufferLinter.forget_configuration)
        for config_uri in list(self.config_errors):  # shown again by the next lint if still broken
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=config_uri, diagnostics=[]))
        self.config_errors.clear()
        if self.pull:
            if _capability(self.client_capabilities, "workspace", "diagnostics", "refresh_support", default=False):
                self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.workspace.text_documents):
            if self.path_of(uri, self.workspace.text_documents[uri].language_id):
                self.schedule(uri, 0)

    def apply_settings(self, data) -> None:
        settings, problems = ClientSettings.parse(data, self.root())
        for problem in problems:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"newslint: {problem}"))
        if settings != self.editor_settings:
            self.editor_settings = settings
            self.reload()


def _is_config_file(path: str) -> bool:
    name = os.path.basename(path)
    return name in CONFIG_NAMES or name.endswith((".yaml", ".yml"))


def build(base: ClientSettings | None = None, debounce: float = DEBOUNCE) -> NewslintServer:
    server = NewslintServer(base or ClientSettings(), debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
        caps = params.capabilities
        ls.pull = _capability(caps, "text_document", "diagnostic") is not None
        ls.links = bool(_capability(caps, "text_document", "publish_diagnostics", "code_description_support", default=False))
        formats = _capability(caps, "text_document", "hover", "content_format", default=None)
        ls.markdown_hover = formats is None or types.MarkupKind.Markdown in formats or "markdown" in formats
        options = params.initialization_options
        if isinstance(options, dict) and options:
            ls.apply_settings(options.get(SECTION, options))

    @server.feature(types.INITIALIZED)
    async def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
        caps = ls.client_capabilities
        if _capability(caps, "workspace", "did_change_watched_files", "dynamic_registration", default=False):
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in
                        ("**/.newslint.yaml", "**/.newslint.yml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")]
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                    id="newslint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
            except Exception as exc:  # the client said no: configuration is still read again on save
                log.info("file watching not registered: %s", exc)
        if _capability(caps, "workspace", "configuration", default=False):
            await _pull_settings(ls)

    async def _pull_settings(ls: NewslintServer) -> None:
        try:
            values = await ls.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)]))
        except Exception as exc:
            log.info("workspace/configuration failed: %s", exc)
            return
        if values and values[0] is not None:
            ls.apply_settings(values[0])

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.startswith("file:") and _is_config_file(to_fs_path(uri) or ""):
            ls.reload()
        else:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        if ls.outcomes.pop(uri, None) is not None and not ls.pull:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: NewslintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_config_file(to_fs_path(change.uri) or "") for change in params.changes):
            ls.reload()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: NewslintServer, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and SECTION in settings:
            ls.apply_settings(settings[SECTION])
        elif _capability(ls.client_capabilities, "workspace", "configuration", default=False):
            await _pull_settings(ls)

    @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
        identifier=SECTION, inter_file_dependencies=False, workspace_diagnostics=False))
    async def diagnostic(ls: NewslintServer, params: types.DocumentDiagnosticParams):
        uri = params.text_document.uri
        outcome = await ls.current(uri)
        while outcome is None and ls.document(uri) is not None and ls.path_of(uri, ls.document(uri).language_id):
            outcome = await ls.current(uri)  # it changed while it was linted: lint the new text
        if outcome is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        result_id = f"{outcome.generation}:{outcome.version}"
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(
            items=outcome_diagnostics(outcome, ls.encoding, ls.links), result_id=result_id)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def code_action(ls: NewslintServer, params: types.CodeActionParams):
        from ..document import Document
        from .actions import ActionContext, EditSupport, code_actions
        from .positions import PositionMap

        uri = params.text_document.uri
        outcome = await ls.current(uri)
        if outcome is None or not outcome.findings:
            return None
        positions = PositionMap(outcome.text, ls.encoding)
        start = positions.offset(params.range.start.line, params.range.start.character)
        end = positions.offset(params.range.end.line, params.range.end.character)
        ctx = ActionContext(uri=uri, version=outcome.version, encoding=ls.encoding, support=EditSupport.of(ls.client_capabilities),
                            folders=ls.folders(), read=ls.read, version_of=ls.version_of, links=ls.links)
        return code_actions(outcome, Document(outcome.text, outcome.path), start, end, ctx) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: NewslintServer, params: types.HoverParams):
        from ..document import Document
        from .hover import metrics_markdown, plain, rule_markdown
        from .positions import PositionMap

        outcome = await ls.current(params.text_document.uri)
        if outcome is None or outcome.result is None:
            return None
        positions = PositionMap(outcome.text, ls.encoding)
        at = positions.offset(params.position.line, params.position.character)
        parts, spans = [], []
        doc = Document(outcome.text, outcome.path)
        headline = doc.headline
        if headline is not None and headline.start <= at <= headline.end:
            parts.append(metrics_markdown(doc, outcome.result.metrics))
            spans.append((headline.start, headline.end))
        shown = set()
        for finding in outcome.findings:
            if (finding.start <= at < finding.end or finding.start == finding.end == at) and finding.rule not in shown:
                rule = outcome.rules.get(finding.rule)
                if rule is not None:
                    shown.add(finding.rule)
                    parts.append(f"{finding.message}\n\n{rule_markdown(rule)}")
                    spans.append((finding.start, finding.end))
        if not parts:
            return None
        text = "\n\n---\n\n".join(parts)
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        kind = types.MarkupKind.Markdown if ls.markdown_hover else types.MarkupKind.PlainText
        return types.Hover(contents=types.MarkupContent(kind=kind, value=text if ls.markdown_hover else plain(text)),
                           range=span_range(positions, start, end))

    return server


def serve(base: ClientSettings, tcp: tuple[str, int] | None = None) -> None:
    """Run the server until the client says exit (or closes the connection)."""
    logging.basicConfig(level=logging.WARNING, format="newslint server: %(levelname)s: %(message)s")  # on stderr
    server = build(base)
    if tcp is not None:
        server.start_tcp(*tcp)
    else:
        server.start_io()

"""The language server's pieces that need no editor: positions in each encoding, the
configuration edits of "Allow 'WORD' in this repository", and rule suggestions in the CLI's
JSON and SARIF output."""

from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.server.allow import allow_edit, allows
from newslint.server.positions import PositionMap

TEXT = "# Harbour 🎉\n\nThe 𝒜 team\r\nsaid so.\n"


@pytest.mark.parametrize("encoding, column", [("utf-16", 7), ("utf-8", 9), ("utf-32", 6)])
def test_positions_count_code_units_of_the_agreed_encoding(encoding, column):
    positions = PositionMap(TEXT, encoding)
    team = TEXT.index("team")
    assert positions.position(team) == (2, column)  # "The 𝒜 " is 6 code points
    assert positions.offset(2, column) == team
    assert positions.position(TEXT.index("said")) == (3, 0)  # after \r\n
    assert positions.offset(0, 999) == TEXT.index("\n")  # past the end of a line: its end
    assert positions.offset(99, 0) == len(TEXT)


def test_a_position_inside_a_surrogate_pair_is_the_character_it_splits():
    positions = PositionMap("a🎉b", "utf-16")
    assert positions.offset(0, 2) == 2  # the middle of 🎉 (units 1-2): after it
    assert positions.position(2) == (0, 3)


def read_from(files):
    return lambda path: files.get(path)


def test_allow_adds_to_a_flow_list_and_keeps_the_rest_of_the_file(tmp_path):
    path = str(tmp_path / ".newslint.yaml")
    old = "rules:\n  peacock-word:\n    allow: [iconic]   # the desk's list\nfail-on: warning\n"
    edit = allow_edit(str(tmp_path / "a.md"), "peacock-word", "legendary", path, read_from({path: old}), [])
    assert edit.new == 'rules:\n  peacock-word:\n    allow: [iconic, "legendary"]   # the desk\'s list\nfail-on: warning\n'


def test_allow_adds_to_a_block_list_and_adds_a_rule_entry(tmp_path):
    path = str(tmp_path / ".newslint.yaml")
    old = "rules:\n  peacock-word:\n    allow:\n      - iconic\n"
    edit = allow_edit(str(tmp_path / "a.md"), "peacock-word", "legendary", path, read_from({path: old}), [])
    assert edit.new == 'rules:\n  peacock-word:\n    allow:\n      - "legendary"\n      - iconic\n'
    edit = allow_edit(str(tmp_path / "a.md"), "emotive-word", "heartbreaking", path, read_from({path: old}), [])
    assert edit.new == 'rules:\n  emotive-word:\n    allow: ["heartbreaking"]\n  peacock-word:\n    allow:\n      - iconic\n'
    edit = allow_edit(str(tmp_path / "a.md"), "peacock-word", "iconic", path, read_from({path: "select: [hype]\n"}), [])
    assert edit.new == 'select: [hype]\nrules:\n  peacock-word:\n    allow: ["iconic"]\n'


def test_allow_rewrites_an_unusual_layout_and_refuses_what_would_not_load(tmp_path):
    path = str(tmp_path / ".newslint.yaml")
    edit = allow_edit(str(tmp_path / "a.md"), "peacock-word", "iconic", path,
                      read_from({path: "rules: {peacock-word: {severity: warning}}\n"}), [])
    assert edit.new == "rules:\n  peacock-word:\n    severity: warning\n    allow:\n    - iconic\n"
    assert allow_edit(str(tmp_path / "a.md"), "peacock-word", "iconic", path, read_from({path: "rules: [1, 2]\n"}), []) is None


def test_allow_in_pyproject_toml(tmp_path):
    path = str(tmp_path / "pyproject.toml")
    old = '[project]\nname = "desk"\n\n[tool.newslint]\nselect = ["hype"]\n'
    edit = allow_edit(str(tmp_path / "a.md"), "peacock-word", "iconic", path, read_from({path: old}), [])
    assert edit.new == old + '\n[tool.newslint.rules.peacock-word]\nallow = ["iconic"]\n'
    again = allow_edit(str(tmp_path / "a.md"), "peacock-word", "legendary", path, read_from({path: edit.new}), [])
    assert again.new == old + '\n[tool.newslint.rules.peacock-word]\nallow = ["iconic", "legendary"]\n'
    assert allows(path, again.new, "peacock-word", "legendary")


def test_a_new_configuration_goes_to_the_repository_root(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "desk" / "news").mkdir(parents=True)
    edit = allow_edit(str(tmp_path / "desk" / "news" / "a.md"), "peacock-word", "iconic", None, read_from({}), [])
    assert edit.path == str(tmp_path / ".newslint.yaml") and edit.old is None
    assert allows(edit.path, edit.new, "peacock-word", "iconic")


SLOPPY = "# Quay news\n\nThe ruling paves the way for a close-knit market on the quay, a turning point.\n"


def test_suggestions_in_json_and_sarif(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "quay.md").write_text(SLOPPY, encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "--format", "json", "quay.md"])
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["text"], f["suggestions"]) for f in findings] == [
        ("paves the way", ["allows"]), ("close-knit", [""]), ("a turning point", [])]
    result = CliRunner().invoke(main, ["--no-cache", "--format", "sarif", "quay.md"])
    results = json.loads(result.stdout)["runs"][0]["results"]
    fixes = {r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]: r.get("fixes") for r in results}
    assert fixes["a turning point"] is None
    (fix,) = fixes["paves the way"]
    assert fix["description"]["text"] == "Replace 'paves the way' with 'allows'"
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "quay.md"
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"]["text"] == "allows"
    region = replacement["deletedRegion"]
    assert SLOPPY[region["charOffset"] : region["charOffset"] + region["charLength"]] == "paves the way"
    assert fixes["close-knit"][0]["description"]["text"] == "Delete 'close-knit'"


def test_a_capitalised_flagged_phrase_gets_a_capitalised_suggestion(rules):
    rule = next(r for r in rules if r.id == "ai-boilerplate")
    assert rule.suggest("Delves into") == ("Examines", "Looks at")
    assert rule.suggest("delves  into") == ("examines", "looks at")
    assert rule.suggest("a new era") == ()


def test_server_command_line_errors_are_one_line():
    result = CliRunner().invoke(main, ["server", "--tcp", "localhost"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("newslint: error: --tcp wants HOST:PORT (e.g. 127.0.0.1:2087), not 'localhost' "
                                     "(see 'newslint server --help')")


def test_the_server_listens_on_tcp(tmp_path):
    """--tcp: the same server on a loopback port (one initialize, then shutdown and exit)."""
    import socket
    import subprocess
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "newslint", "server", "--tcp", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):  # it listens once it has started (a second or two)
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise AssertionError("the server never listened")
        with connection:
            def send(message):
                body = json.dumps(message).encode()
                connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)

            def receive():
                head = b""
                while not head.endswith(b"\r\n\r\n"):
                    head += connection.recv(1)
                length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
                body = b""
                while len(body) < length:
                    body += connection.recv(length - len(body))
                return json.loads(body)

            connection.settimeout(30)
            send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}})
            reply = receive()
            assert reply["id"] == 1 and reply["result"]["serverInfo"]["name"] == "newslint"
            capabilities = reply["result"]["capabilities"]
            assert capabilities["hoverProvider"] and capabilities["codeActionProvider"]
            assert capabilities["diagnosticProvider"]["identifier"] == "newslint"
            send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
            assert receive()["id"] == 2
            send({"jsonrpc": "2.0", "method": "exit"})
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()


def insert(text: str, insertions) -> str:
    for at, piece in sorted(insertions, reverse=True):
        text = text[:at] + piece + text[at:]
    return text


def test_disable_comments_after_an_html_doctype_and_around_a_wrapped_plain_text_paragraph(ruleset):
    from newslint.document import Document
    from newslint.server.suppress import disable_file, disable_paragraph

    page = "<!DOCTYPE html>\n<html><body><p>The iconic pier reopens.</p></body></html>\n"
    doc = Document(page, "pier.html")
    edited = insert(page, disable_file(doc, "peacock-word"))
    assert edited == "<!DOCTYPE html>\n<!-- newslint-disable peacock-word -->\n" + page[len("<!DOCTYPE html>\n"):]
    assert [f.rule for f in ruleset.lint_document(Document(page, "pier.html")).findings] == ["peacock-word"]
    assert ruleset.lint_document(Document(edited, "pier.html")).findings == []

    note = "The pier reopens on Monday\r\nafter an iconic restoration.\r\n\r\nThe legendary cafe opens too.\r\n"
    doc = Document(note, "note.txt")
    iconic = next(f for f in ruleset.lint_document(doc).findings if f.snippet == "iconic")
    edited = insert(note, disable_paragraph(doc, PositionMap(note), iconic))
    assert edited == ("<!-- newslint-disable peacock-word -->\r\nThe pier reopens on Monday\r\nafter an iconic restoration."
                      "\r\n<!-- newslint-enable peacock-word -->\r\n\r\nThe legendary cafe opens too.\r\n")
    assert [f.snippet for f in ruleset.lint_document(Document(edited, "note.txt")).findings] == ["legendary"]


def test_the_buffer_linter_uses_the_command_lines_config_and_reports_a_broken_one(tmp_path, isolated):
    from newslint.server.linting import BufferLinter, ClientSettings

    text = "# Pier news\n\nThe iconic pier reopens.\n"
    (tmp_path / ".newslint.yaml").write_text("rules:\n  peacock-word: {severity: error}\n", encoding="utf-8")
    other = tmp_path / "desk.yaml"
    other.write_text("ignore: [hype]\n", encoding="utf-8")
    article = str(tmp_path / "pier.md")
    found = BufferLinter(ClientSettings()).lint(article, text, 1)
    assert [(f.rule, str(f.severity)) for f in found.findings] == [("peacock-word", "error")]
    assert found.config_source == str(tmp_path / ".newslint.yaml")
    assert BufferLinter(ClientSettings(config=str(other))).lint(article, text, 1).findings == []  # like --config
    assert BufferLinter(ClientSettings(min_severity="error")).lint(article, text, 1).findings == found.findings
    other.write_text("ignore: [hyp]\n", encoding="utf-8")
    broken = BufferLinter(ClientSettings(config=str(other))).lint(article, text, 1)
    assert broken.findings == [] and broken.result is None
    assert str(broken.config_error) == f"{other}: unknown rule or category 'hyp' (did you mean 'hype'?) (see 'newslint rules')"


def test_editor_settings_are_checked_and_relative_folders_are_the_workspaces(tmp_path):
    from newslint.server.linting import ClientSettings

    settings, problems = ClientSettings.parse({"minSeverity": "warning", "rulesDirs": ["house"], "config": "desk.yaml"}, str(tmp_path))
    assert problems == []
    assert settings == ClientSettings("warning", (str(tmp_path / "house"),), str(tmp_path / "desk.yaml"))
    settings, problems = ClientSettings.parse({"minSeverity": 3, "rulesDirs": "house", "colour": "red"}, str(tmp_path))
    assert settings == ClientSettings()
    assert problems == ["settings: unknown key 'colour' (known: config, minSeverity, rulesDirs)",
                        "settings: minSeverity must be error, warning or info, not 3",
                        "settings: rulesDirs must be a list of folder names"]


def test_a_buffer_with_lone_surrogates_is_linted_with_its_offsets_kept(tmp_path, isolated):
    from newslint.server.diagnostics import outcome_diagnostics
    from newslint.server.linting import BufferLinter, ClientSettings

    text = "# Pier \ud800 news\n\nThe \udfff iconic pier reopens.\n"  # JSON can carry these; files cannot
    outcome = BufferLinter(ClientSettings()).lint(str(tmp_path / "pier.md"), text, 1)
    assert outcome.result.errors == []
    (finding,) = outcome.findings
    assert text[finding.start : finding.end] == "iconic"
    (diagnostic,) = outcome_diagnostics(outcome, "utf-16")
    assert (diagnostic.range.start.line, diagnostic.range.start.character) == (2, 6)

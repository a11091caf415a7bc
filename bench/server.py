"""Language server speed and memory: how long after the debounce a 2,000-word article's
diagnostics arrive, and how much memory the server holds when idle.

    python bench/server.py              # 20 edits of a 2,000-word article
    python bench/server.py --edits 50   # more edits
    python bench/server.py --markdown   # the result as a Markdown table (docs/performance.md)

The article is built at run time from the BBC News corpus (``bbc-news-2225`` under
``../shared/corpora`` beside the repository, or ``$NEWSLINT_CORPORA``): a headline, then the
paragraphs of consecutive articles until 2,000 words. It lives in a temporary folder that is
deleted afterwards; no corpus text is written into the repository.

The client is this script, speaking JSON-RPC to ``newslint server`` over its standard input
and output with no client capabilities (so diagnostics are pushed, positions in UTF-16). Each
edit replaces one word of the article (a full-text change) and waits for the publish of that
version; the time from the change to the publish, less the server's 300 ms debounce, is the
lint-and-publish time. Memory is the server process's resident set (VmRSS) from /proc.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEBOUNCE = 0.3  # the server's (newslint.server.app.DEBOUNCE)
WORDS = 2000


def corpora_root() -> Path:
    env = os.environ.get("NEWSLINT_CORPORA")
    return Path(env) if env else REPO.parent / "shared" / "corpora"


def build_article(folder: Path, words: int = WORDS) -> str:
    """A Markdown article of about ``words`` words from consecutive corpus articles."""
    paragraphs: list[str] = []
    count = 0
    for path in sorted(folder.glob("business/*.txt")) + sorted(folder.glob("politics/*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        _, _, body = text.strip().partition("\n")
        for paragraph in body.split("\n\n"):
            paragraph = " ".join(paragraph.split())
            if not paragraph:
                continue
            paragraphs.append(paragraph)
            count += len(re.findall(r"\w+", paragraph))
            if count >= words:
                return "# A day of business and politics news\n\n" + "\n\n".join(paragraphs) + "\n"
    raise SystemExit(f"server.py: the corpus in {folder} has fewer than {words} words")


class Client:
    """A minimal LSP client over a subprocess's pipes; notifications are kept with their time."""

    def __init__(self, command: list[str], cwd: str) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd)
        self.replies: dict[int, dict] = {}
        self.published: list[tuple[float, dict]] = []
        self.ready = threading.Condition()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            now = time.perf_counter()
            with self.ready:
                if "id" in message and "method" not in message:
                    self.replies[message["id"]] = message
                elif message.get("method") == "textDocument/publishDiagnostics":
                    self.published.append((now, message["params"]))
                elif "id" in message:  # a request from the server (e.g. registerCapability)
                    self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                self.ready.notify_all()

    def send(self, message: dict) -> float:
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return time.perf_counter()

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        ident = self.next_id
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        with self.ready:
            self.ready.wait_for(lambda: ident in self.replies, timeout=120)
        return self.replies[ident]

    def notify(self, method: str, params) -> float:
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_publish(self, uri: str, version: int) -> tuple[float, dict]:
        def found():
            return next(((t, p) for t, p in self.published if p["uri"] == uri and p.get("version") == version), None)

        with self.ready:
            self.ready.wait_for(found, timeout=120)
        result = found()
        if result is None:
            raise SystemExit(f"server.py: no diagnostics for version {version}")
        return result

    def rss_mib(self, field: str = "VmRSS") -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(rf"{field}:\s+(\d+)", status).group(1)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=20, help="edits to time (default 20)")
    parser.add_argument("--corpus", type=Path, help="the BBC corpus folder (default: $NEWSLINT_CORPORA/bbc-news-2225)")
    parser.add_argument("--markdown", action="store_true", help="print the result as a Markdown table")
    args = parser.parse_args()
    folder = (args.corpus or corpora_root() / "bbc-news-2225").resolve()
    if not folder.is_dir():
        raise SystemExit(f"server.py: corpus folder not found: {folder} (set NEWSLINT_CORPORA or pass --corpus)")
    text = build_article(folder)
    from newslint.document import Document

    words = Document(text, "article.md").word_count  # as newslint counts them (the metrics' "words")

    with tempfile.TemporaryDirectory(prefix="newslint-server-bench-") as work:
        uri = Path(work, "article.md").as_uri()
        client = Client([sys.executable, "-m", "newslint", "server"], cwd=work)
        started = time.perf_counter()
        client.request("initialize", {"processId": os.getpid(), "rootUri": Path(work).as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        ready = time.perf_counter() - started
        time.sleep(1.0)
        idle_fresh = client.rss_mib()
        sent = client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        at, first = client.wait_publish(uri, 1)
        first_lint = at - sent
        latencies = []
        for version in range(2, args.edits + 2):
            edited = text.replace(" the ", " a " if version % 2 else " the  ", 1)  # a one-word edit
            sent = client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                            "contentChanges": [{"text": edited}]})
            at, _ = client.wait_publish(uri, version)
            latencies.append(at - sent - DEBOUNCE)
        time.sleep(2.0)
        idle_used, peak = client.rss_mib(), client.rss_mib("VmHWM")
        client.request("shutdown", None)
        client.notify("exit", None)
        client.process.wait(timeout=30)

    latencies.sort()
    rows = [
        ("article", f"{words:,} words, {len(first['diagnostics'])} diagnostics"),
        ("start-up (process start to initialize reply)", f"{ready * 1000:.0f} ms"),
        ("first lint after open (loads and compiles the rules)", f"{first_lint * 1000:.0f} ms"),
        (f"debounce to publish, median of {len(latencies)} edits", f"{statistics.median(latencies) * 1000:.0f} ms"),
        ("debounce to publish, slowest", f"{latencies[-1] * 1000:.0f} ms"),
        ("idle memory after start-up (RSS)", f"{idle_fresh:.0f} MiB"),
        ("idle memory after linting (RSS)", f"{idle_used:.0f} MiB"),
        ("peak memory (VmHWM)", f"{peak:.0f} MiB"),
        ("load average while measuring (2 CPUs)", f"{os.getloadavg()[0]:.1f}"),
    ]
    if args.markdown:
        print("| measure | value |\n|---|---|")
        for name, value in rows:
            print(f"| {name} | {value} |")
    else:
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()

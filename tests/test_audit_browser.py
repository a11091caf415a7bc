"""report.html as a person sees it: rendered by headless Chromium (Debian's ``chromium``), the
charts and the worst-article table must be drawn, with nothing fetched from the network."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pyarrow")
pytest.importorskip("matplotlib")

from newslint.cli import main  # noqa: E402

ARCHIVE = Path(__file__).parent / "fixtures" / "audit" / "archive"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (Debian package 'chromium'; .ci/run installs it when apt-get works)")

# Measures what the browser laid out, into a <pre> that --dump-dom prints.
PROBE = """<script>
window.addEventListener('load', () => {
  const box = e => { const r = e.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; };
  const charts = [...document.querySelectorAll('figure.chart')].map(f => {
    const svg = f.querySelector('svg');
    return {name: f.dataset.chart, size: box(svg), marks: svg.querySelectorAll('path, rect, use').length,
            labels: svg.querySelectorAll('text').length};
  });
  const rows = [...document.querySelectorAll('#worst-articles tbody tr')].map(r => ({size: box(r), text: r.innerText}));
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({charts, rows, images: document.images.length});
  document.body.appendChild(out);
});
</script>"""


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               "--hide-scrollbars", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    result = CliRunner().invoke(main, ["audit", str(ARCHIVE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "report.html"


def test_chromium_draws_the_charts_and_the_worst_article_table(report, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(report.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    proc = chromium(tmp_path / "profile", "--window-size=1200,900", "--virtual-time-budget=10000", "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.S)
    assert found, f"Chromium printed no probe (exit {proc.returncode}): {proc.stderr[-500:]}"
    seen = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    charts = {c["name"]: c for c in seen["charts"]}
    assert set(charts) == {"distributions", "by-month", "by-authors", "by-sections", "by-tags", "rules"}
    for chart in charts.values():
        width, height = chart["size"]
        assert width > 600 and height > 150, chart  # laid out across the page, not collapsed
        assert chart["marks"] > 20 and chart["labels"] > 5, chart  # bars, lines and axis text drawn
    rows = seen["rows"]
    assert len(rows) == 3 and all(r["size"][1] > 40 for r in rows)
    assert "startup-launch.md" in rows[0]["text"] and "peacock-word ×8" in rows[0]["text"]
    assert seen["images"] == 0


def test_screenshot_shows_the_report(report, tmp_path):
    import matplotlib.image

    shot = tmp_path / "shot.png"
    proc = chromium(tmp_path / "profile", "--window-size=1200,4000", f"--screenshot={shot}", report.as_uri())
    assert shot.exists(), proc.stderr[-500:]
    pixels = matplotlib.image.imread(str(shot))[..., :3]
    ink = (pixels.min(axis=2) < 0.5).mean()  # dark text and bars on a light page
    colour = ((pixels.max(axis=2) - pixels.min(axis=2)) > 0.25).mean()  # the charts' coloured bars
    assert 0.01 < ink < 0.5 and colour > 0.005

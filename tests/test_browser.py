"""The interactive HTML page in a real browser: Debian's chromium, headless, driven by Playwright.

The page of the corpus graph is opened from a file:// URL (offline, as users open it); the test
waits for the layout to settle, checks nodes are painted, searches for "RIM", opens it from the
result list and by clicking it on the canvas, and reads its evidence sentences in the side panel.
Screenshots go to pytest's tmp dir and to tests/artifacts/ (git-ignored) for people to look at.

Chromium is a test requirement (``.ci/run`` installs it): if it is missing these tests fail.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg.export import render
from kg.export.html import to_html
from kg.export.project import TYPE_COLOURS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
VIEWPORT = {"width": 1400, "height": 900}

# Counts the canvas pixels painted in each type's colour (anti-aliasing aside: exact matches).
COUNT_COLOURS = """(colours) => {
  const c = document.getElementById("kg-canvas");
  const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  const want = Object.fromEntries(Object.entries(colours).map(([t, hex]) =>
    [t, [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))]));
  const counts = Object.fromEntries(Object.keys(colours).map((t) => [t, 0]));
  for (let i = 0; i < px.length; i += 4) {
    for (const [t, [r, g, b]] of Object.entries(want)) {
      if (px[i] === r && px[i + 1] === g && px[i + 2] === b) counts[t]++;
    }
  }
  return counts;
}"""

# A point of the canvas (CSS pixels) with only background within 12 px: somewhere to click
# that is no node.
EMPTY_SPOT = """() => {
  const c = document.getElementById("kg-canvas"), k = window.devicePixelRatio || 1;
  const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  const bg = (x, y) => { const i = 4 * (y * c.width + x); return px[i + 3] === 0; };
  for (let y = 80 * k; y < c.height - 20 * k; y += 10 * k) {
    for (let x = 20 * k; x < c.width - 20 * k; x += 10 * k) {
      let clear = true;
      for (let dy = -12 * k; dy <= 12 * k && clear; dy += 3) {
        for (let dx = -12 * k; dx <= 12 * k && clear; dx += 3) clear = bg(x + dx, y + dy);
      }
      if (clear) return {x: x / k, y: y / k};
    }
  }
  return null;
}"""


@pytest.fixture(scope="module")
def browser():
    """A headless chromium; missing chromium or Playwright is a failure, not a skip."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium "
                    "(apt-get install chromium), as .ci/run does")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: pip install -e '.[test]'")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


def open_page(browser, path: Path, *, count_frames: bool = False):
    page = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: req.url.startswith("file:") or errors.append(req.url))
    if count_frames:  # how many animation frames the page asks for, to see the physics stop
        page.add_init_script("""(() => { const raf = window.requestAnimationFrame.bind(window);
          window.kgFrames = 0;
          window.requestAnimationFrame = (f) => { window.kgFrames++; return raf(f); }; })()""")
    page.goto(path.as_uri())
    return page, errors


def screenshot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / name))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(tmp_path / name, ARTIFACTS / name)


def test_corpus_page_draws_searches_and_shows_rims_evidence(browser, corpus_store, tmp_path):
    with corpus_store.open() as kg_store:
        (tmp_path / "corpus.html").write_text(render(kg_store, "html"), "utf-8")
    page, errors = open_page(browser, tmp_path / "corpus.html")
    page.wait_for_function("document.body.dataset.state === 'settled'", timeout=120_000)

    painted = page.evaluate(COUNT_COLOURS, TYPE_COLOURS)
    for type_ in ("Person", "Organization", "Place", "Product"):
        assert painted[type_] > 50, (type_, painted)  # nodes of every type are on the canvas
    assert page.locator("#kg-legend span").all_inner_texts() == [
        "Person", "Organization", "Place", "Product"]

    page.locator("#kg-search").fill("RIM")
    first = page.locator("#kg-results button").first
    assert first.inner_text().startswith("Research In Motion")  # found by its alias
    first.click()
    panel = page.locator("#kg-panel")
    assert panel.locator("h2").inner_text() == "Research In Motion"
    evidence = panel.locator("blockquote.kg-evidence").all_inner_texts()
    assert any("constructeur canadien" in s for s in evidence), evidence
    assert "Les utilisateurs de BlackBerry privés d’emails" in panel.inner_text()
    screenshot(page, tmp_path, "viewer-rim.png")

    # the search centred RIM: away from it the canvas is empty, on it the click selects RIM
    spot = page.evaluate(EMPTY_SPOT)
    assert spot is not None
    canvas = page.locator("#kg-canvas").bounding_box()
    page.mouse.click(canvas["x"] + spot["x"], canvas["y"] + spot["y"])
    assert panel.locator("h2").count() == 0  # nothing selected
    centre = (canvas["x"] + canvas["width"] / 2, canvas["y"] + canvas["height"] / 2)
    page.mouse.move(*centre)
    tip = page.locator("#kg-tip")
    assert tip.is_visible() and "RIM" in tip.inner_text()  # hover: aliases and counts
    page.mouse.click(*centre)
    assert panel.locator("h2").inner_text() == "Research In Motion"
    assert panel.locator("blockquote.kg-evidence").count() >= 3
    assert errors == []  # no script error, and nothing fetched beyond the file itself


def synthetic_graph(n: int = 2000, seed: int = 7) -> nx.Graph:
    """n entities in clusters of 40 with ~2 edges each, a fifth of them relations."""
    rng = random.Random(seed)
    types = ["Person", "Organization", "Place", "Product"]
    g = nx.Graph()
    for i in range(n):
        g.add_node(f"n{i}", label=f"Entité {i}", type=types[i % 4],
                   mentions=rng.randint(1, 30), aliases=[f"E{i}"])
    for i in range(n):
        for j in rng.sample(range(i - i % 40, i - i % 40 + 40), 2):
            if i != j and not g.has_edge(f"n{i}", f"n{j}"):
                rel = rng.random() < 0.2
                g.add_edge(f"n{i}", f"n{j}", co_mentions=rng.randint(1, 5), evidence=int(rel),
                           predicates=["partnerOf"] if rel else [], relations=[
                               {"subject": f"n{i}", "predicate": "partnerOf",
                                "object": f"n{j}", "evidence": 1}] if rel else [])
    g.graph["view"] = "entities"
    return g


def test_two_thousand_nodes_settle_then_the_physics_stops(browser, tmp_path):
    g = synthetic_graph()
    (tmp_path / "big.html").write_text(to_html(g, max_nodes=None), "utf-8")
    page, errors = open_page(browser, tmp_path / "big.html", count_frames=True)
    page.wait_for_function("document.body.dataset.state === 'settled'", timeout=120_000)
    frames = page.evaluate("window.kgFrames")
    page.wait_for_timeout(1000)
    assert page.evaluate("window.kgFrames") == frames  # no frame asked for once settled
    assert page.locator("#kg-count").inner_text() == f"2000 entités · {g.number_of_edges()} liens"
    page.locator("#kg-search").fill("Entité 1999")
    assert page.locator("#kg-results button").first.inner_text().startswith("Entité 1999")
    page.keyboard.press("Enter")
    assert page.locator("#kg-panel h2").inner_text() == "Entité 1999"
    screenshot(page, tmp_path, "viewer-2000.png")
    assert errors == []

"""axe-core (the npm package, ``make setup`` installs it) run in Chromium through Playwright.

``axe_context()`` opens a browser context whose every page and frame gets axe-core as an init
script: the browser adds it outside the page's Content-Security-Policy, so the pages are checked
under their real CSP (no ``bypass_csp``, no inline script of ours in them).
``axe_violations(page)`` runs axe on what the page shows now and returns each failing element
with its rule; ``axe_report()`` words them with the pages they fail on.
"""

from dataclasses import dataclass
from pathlib import Path

from linija.testing.services import service_missing

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.1 A and AA, and axe's best practices (landmarks, headings, regions).
RUN_ONLY = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# axe's own false positives on these pages, each with the reason; nothing else is excused.
FALSE_POSITIVES: dict[str, str] = {}

RUN = """async ([runOnly, skip]) => {
    const rules = Object.fromEntries(skip.map((id) => [id, {enabled: false}]));
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: runOnly}, rules, resultTypes: ["violations"],
    });
    return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({
            target: node.target.join(" "),
            html: node.html.slice(0, 160),
        })),
    }));
}"""


def axe_context(chromium, **options):
    if not AXE_JS.exists():
        service_missing(f"axe-core not installed at {AXE_JS}: run `npm ci` (make setup does)")
    context = chromium.new_context(**options)
    context.set_default_timeout(10_000)
    context.add_init_script(path=str(AXE_JS))
    return context


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    target: str
    html: str


def axe_violations(page) -> list[Violation]:
    """Every element that breaks a rule on the page as it is now."""
    page.wait_for_load_state("load")
    found = page.evaluate(RUN, [RUN_ONLY, list(FALSE_POSITIVES)])
    return [
        Violation(v["id"], v["impact"], v["help"], node["target"], node["html"])
        for v in found
        for node in v["nodes"]
    ]


def axe_report(found: dict[Violation, list[str]]) -> str:
    """One paragraph a failing element, with the pages it fails on."""
    return "\n".join(
        f"{v.rule} ({v.impact}: {v.help}) at {v.target}\n    {v.html}\n    on {', '.join(pages)}"
        for v, pages in found.items()
    )

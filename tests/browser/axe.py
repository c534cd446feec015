"""axe-core in the page: the WCAG 2.0, 2.1 and 2.2 A and AA rules, plus the best-practice
rules about structure (one main landmark, everything in landmarks, headings in order)
that a screen-reader user depends on though WCAG names no single criterion for them."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
STRUCTURE = [
    "heading-order",
    "empty-heading",
    "page-has-heading-one",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "region",
    "skip-link",
]

_RUN = """async ([tags, extra]) => {
  const rules = [...new Set([...axe.getRules(tags).map((r) => r.ruleId), ...extra])];
  const result = await axe.run(document, {
    runOnly: { type: "rule", values: rules },
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " | " + n.failureSummary),
  }));
}"""


def violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    found: list[dict[str, Any]] = page.evaluate(_RUN, [WCAG_TAGS, STRUCTURE])
    return found


def describe(found: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in found)

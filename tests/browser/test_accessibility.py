"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page, in light or dark mode."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from site_pages import LANGUAGES, PAGES

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1].strip()}")
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_id", PAGES)
def test_no_wcag_violations(open_page, page_id: str, scheme: str, language: str) -> None:
    page, _ = open_page(page_id, scheme=scheme, language=language)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, f"{page_id} ({scheme}, {language}):\n{_describe(violations)}"

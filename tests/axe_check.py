"""axe-core in the browser tests: inject tests/axe/node_modules/axe-core/axe.min.js (installed by scripts/test.sh
from tests/axe's lock file) into a Playwright page, run the WCAG 2.1 A/AA rules and split what it finds into
violations of the app's own content and violations that Streamlit's own markup causes (tests/axe_allowlist.json,
one entry per known Streamlit issue with the reason; an entry matches a rule id plus a CSS selector the offending
element lies in)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent
AXE_JS = ROOT / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ALLOWLIST = ROOT / "axe_allowlist.json"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Runs in the page: axe over the whole document, then every node of every violation is checked against the
# allowlist (rule id equal, the element or one of its ancestors matches the entry's selector). Returns the nodes
# no entry covers and the indices of the entries that covered something.
_RUN = """
async ([tags, allow]) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  const used = new Set();
  const open = [];
  for (const v of result.violations) {
    for (const node of v.nodes) {
      const target = node.target[node.target.length - 1];
      let el = null;
      try { el = document.querySelector(Array.isArray(target) ? target[target.length - 1] : target); } catch (e) {}
      let hit = -1;
      allow.forEach((entry, i) => {
        if (hit < 0 && entry.rule === v.id && el && el.closest(entry.selector)) hit = i;
      });
      if (hit >= 0) { used.add(hit); continue; }
      open.push({rule: v.id, impact: v.impact, help: v.help, target: node.target.join(' '),
                 html: node.html.slice(0, 300), summary: (node.failureSummary || '').slice(0, 300)});
    }
  }
  return {open, used: [...used], total: result.violations.reduce((n, v) => n + v.nodes.length, 0)};
}
"""


def allowlist() -> list[dict]:
    entries = json.loads(ALLOWLIST.read_text(encoding="utf-8"))
    for entry in entries:
        assert set(entry) == {"rule", "selector", "reason"}, entry
        assert entry["reason"].strip(), entry
    return entries


def check(page: object, entries: list[dict]) -> dict:
    """Run axe on `page` (injected once per document); returns {'open': [node, ...], 'used': {entry index},
    'total': nodes found before the allowlist}."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):  # type: ignore[attr-defined]
        page.add_script_tag(path=str(AXE_JS))  # type: ignore[attr-defined]
    found = page.evaluate(_RUN, [TAGS, [{"rule": e["rule"], "selector": e["selector"]} for e in entries]])  # type: ignore[attr-defined]
    found["used"] = set(found["used"])
    return found


def describe(nodes: list[dict]) -> str:
    return "\n".join(
        f"  {n['rule']} ({n['impact']}): {n['help']}\n    at {n['target']}\n    {n['html']}\n    {n['summary']}"
        for n in nodes
    )

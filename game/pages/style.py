"""The report pages' look and their escaping: one stylesheet and one ``esc`` for every page.

The workshop report, the balance report and the debrief export are single
HTML files with inline CSS. The two reports share :data:`REPORT_CSS` (the
balance page adds its own rules after it); the debrief export keeps the
desktop game's colours. All three escape every text that did not come from
the game's own code with :func:`esc`.
"""

from __future__ import annotations

import html

REPORT_CSS = """
:root { --ink:#1d2433; --muted:#5b6474; --line:#d9dde5; --partner:#009E73; --push:#D55E00; --bg:#fbfbf8; }
* { box-sizing: border-box; }
body { font: 17px/1.5 system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
       background: var(--bg); margin: 0; }
main { max-width: 1320px; margin: 0 auto; padding: 28px 36px 60px; }
h1 { font-size: 2.1em; margin: 0 0 4px; }
h2 { font-size: 1.45em; margin: 42px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.1em; margin: 18px 0 6px; }
p.lead { color: var(--muted); margin: 0 0 16px; }
.facts { display: flex; flex-wrap: wrap; gap: 10px 28px; color: var(--muted); margin-bottom: 8px; }
.facts b { color: var(--ink); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; background: white; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; margin-right: 8px;
          vertical-align: -2px; }
.outcome { font-weight: 600; padding: 1px 8px; border-radius: 10px; font-size: .9em; white-space: nowrap; }
.success { background: #d8f0e4; color: #0b5d3b; } .partial { background: #fdf0cf; color: #6b4d00; }
.failure { background: #fadcd4; color: #7d2410; } .playing { background: #e6e9ef; color: #3b4252; }
.notice { background: #fff7e0; border-left: 5px solid #e0a800; padding: 10px 14px; margin: 10px 0; }
.notice.bad { background: #fdeceb; border-color: #c0392b; }
.notice ul { margin: 4px 0 0 18px; padding: 0; }
figure { margin: 10px 0 6px; background: white; border: 1px solid var(--line); padding: 10px; }
figure svg { width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .92em; margin-top: 4px; }
.timeline td { font-size: .84em; min-width: 120px; }
.timeline th.turn { white-space: nowrap; font-size: .9em; }
.timeline li.choice { margin-top: 3px; }
.timeline td.partner { background: #e3f4ec; } .timeline td.push { background: #fbe5da; }
.timeline td.neutral { background: #f3f3f3; }
.timeline ul { margin: 0; padding-left: 16px; }
.small { font-size: .88em; color: var(--muted); }
.card { background: white; border: 1px solid var(--line); border-left: 6px solid var(--muted); padding: 12px 16px;
        margin: 10px 0; }
.scroll { overflow-x: auto; }
ol.questions li { margin: 6px 0; }
@media print { body { background: white; font-size: 12pt; } main { padding: 0; } h2 { break-after: avoid; }
               figure, .card, table { break-inside: avoid; } }
"""


def esc(text: object) -> str:
    """``text`` as HTML, quotes included, so it is safe in an element or an attribute."""
    return html.escape(str(text), quote=True)

"""The debrief as one self-contained web page: text, tables, and the debrief's pictures inside it.

Every piece of text (the scenario's, the player's team names, the game's own
words) is escaped; the pictures are PNGs embedded as base64 data, so the file
opens in any browser offline and can be mailed or archived on its own.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from game import i18n
from game.analysis.counterfactual import WhatIf
from game.faces import cast, mood_of
from game.i18n import percent, t, t_count
from game.pages.portrait_svg import face_svg
from game.pages.style import esc
from game.session.playthrough import Session
from game.session.wording import event_choices
from game.ui.forecasting import outcome_word

STYLE = """
body { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; margin: 2rem auto; max-width: 70rem; color: #1B1F27;
       background: #F3F0E8; padding: 0 1rem; line-height: 1.45; }
h1, h2 { line-height: 1.2; }
section { background: #FFFFFF; border: 1px solid #B9B3A5; border-radius: 6px; padding: 1rem 1.5rem; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #DDD8CC; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.you { background: #CDE7DC; font-weight: bold; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #B9B3A5; }
.muted { color: #4E5562; }
td svg { vertical-align: middle; margin-right: 0.6rem; }
"""


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = (), marked: int | None = None,
           leading: Sequence[str] = ()) -> str:
    """A table of escaped texts; ``leading``: markup the game made itself (a face) put before each row's first text."""
    head = "".join(f'<th class="n">{esc(h)}</th>' if i in numeric else f"<th>{esc(h)}</th>" for i, h in enumerate(headers))
    body = []
    for r, row in enumerate(rows):
        first = leading[r] if r < len(leading) else ""
        cells = "".join(f'<td class="n">{esc(c)}</td>' if i in numeric else f'<td>{first if i == 0 else ""}{esc(c)}</td>'
                        for i, c in enumerate(row))
        mark = ' class="you"' if r == marked else ""
        body.append(f"<tr{mark}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def render(session: Session, pictures: Sequence[tuple[str, bytes]], what_if: WhatIf | None) -> str:
    """The whole page as a string; ``pictures`` are (caption, PNG bytes) pairs."""
    from game.session.wording import decisions_words
    from game.ui.screens.whatif_page import pivotal_words, policy_name

    names = session.names
    ending = session.ending
    score = ending.score if ending else session.score
    parts: list[str] = []
    parts.append(f"<h1>{esc(t('html.title', title=session.title))}</h1>")
    parts.append(f'<p class="muted">{esc(t("debrief.header.sub", title=session.title, seed=session.seed))}</p>')

    summary = [f"<h2>{esc(ending.title if ending else t('debrief.ended'))}</h2>"]
    outcome = t(f"outcome.{ending.outcome}") if ending else "—"
    summary.append(
        f"<p><strong>{esc(t('html.label', label=t('debrief.outcome')))}</strong> {esc(outcome)} · "
        f"<strong>{esc(t('html.label', label=t('debrief.score')))}</strong> {esc(t('debrief.score.value', score=f'{score:.0f}'))} · "
        f"<strong>{esc(t('html.label', label=t('debrief.turns')))}</strong> {len(session.history)} / {session.scenario.meta.turns}</p>"
    )
    if ending and ending.text:
        summary.append(f"<p>{esc(ending.text)}</p>")
    counts = session.stance_counts()
    stance = t('debrief.stance.tip', partner=t_count('count.partner_moves', counts.partner, n=counts.partner),
               push=t_count('count.pushes', counts.push, n=counts.push), neutral=t_count('count.neutral', counts.neutral, n=counts.neutral))
    summary.append(f"<p>{esc(stance)}</p>")
    parts.append(f"<section>{''.join(summary)}</section>")

    start = {s.id: s for s in session.scenario.stakeholders}
    faces = cast((s.id, s.kind) for s in session.scenario.stakeholders)
    ordered = sorted(session.view().stakeholders, key=lambda v: -v.power)
    rows = [
        [v.name, percent(start[v.id].trust), percent(v.trust), percent(start[v.id].support), percent(v.support)]
        for v in ordered
    ]
    # Each row opens with the stakeholder's face as it ends the game.
    pictures_at = [face_svg(faces[v.id], mood_of(v.trust, v.support, v.blocked), 40, f"face-{i}") for i, v in enumerate(ordered)]
    headers = [t("html.stakeholder"), t("html.trust_start"), t("html.trust_end"), t("html.support_start"), t("html.support_end")]
    table = _table(headers, rows, numeric=(1, 2, 3, 4), leading=pictures_at)
    parts.append(f"<section><h2>{esc(t('debrief.relationships'))}</h2>{table}</section>")

    label = names.text(session.scenario.meta.turn_label)
    timeline = []
    for record in session.history:
        chosen = [
            t("timeline.choice", title=names.text(event.title), choice=names.text(choice.text)).removeprefix(" · ")
            for event, choice in event_choices(session.scenario, record)
        ]
        after = f"{record.after.score:.0f}" if record.after is not None else ""
        timeline.append([f"{label} {record.turn}", decisions_words(session.names, record.decisions, session.lang), " · ".join(chosen), after])
    headers = [label, t("html.decisions"), t("html.event_choices"), t("debrief.score")]
    parts.append(f"<section><h2>{esc(t('debrief.timeline'))}</h2>{_table(headers, timeline, numeric=(3,))}</section>")

    if what_if is not None:
        games: list[tuple[str, float, str, bool]] = [(t("whatif.you"), what_if.actual_score, str(ending.outcome) if ending else "", True)]
        games += [(policy_name(g.policy), g.score, g.outcome, False) for g in what_if.policies]
        games.sort(key=lambda g: -g[1])
        rows = [[name, f"{s:.0f}", outcome_word(o)] for name, s, o, _ in games]
        mine = next(i for i, g in enumerate(games) if g[3])
        block = [f"<h2>{esc(t('whatif.styles'))}</h2>", f"<p class=\"muted\">{esc(t('whatif.styles_intro', seed=what_if.seed))}</p>"]
        block.append(_table([t("html.style"), t("debrief.score"), t("debrief.outcome")], rows, numeric=(1,), marked=mine))
        if what_if.pivotal is not None:
            block.append(f"<h2>{esc(t('whatif.pivotal_heading'))}</h2><p>{esc(pivotal_words(session, what_if.pivotal))}</p>")
        parts.append(f"<section>{''.join(block)}</section>")

    questions = session.questions
    items = "".join(f"<li>{esc(q)}</li>" for q in questions)
    parts.append(f"<section><h2>{esc(t('debrief.questions'))}</h2><ol>{items}</ol></section>")

    for caption, png in pictures:
        data = base64.b64encode(png).decode("ascii")
        parts.append(f'<figure><img src="data:image/png;base64,{data}" alt="{esc(caption)}"><figcaption>{esc(caption)}</figcaption></figure>')

    title = t("html.title", title=session.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(i18n.language())}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n"
    )

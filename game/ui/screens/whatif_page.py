"""The debrief's "What if" page: the built-in styles on the player's luck, and the pivotal turn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.analysis.counterfactual import Turning, WhatIf
from game.i18n import t, t_count
from game.scenario.schema import POLICIES
from game.session.playthrough import Session
from game.session.wording import decisions_words
from game.ui import layout, text
from game.ui.forecasting import outcome_word
from game.ui.widgets.base import Widget, WidgetState
from game.ui.widgets.controls import Panel, TextBlock

if TYPE_CHECKING:
    from game.ui.theme import Theme



def signed(value: float) -> str:
    """A whole number with its sign, using a true minus: ``+3``, ``−2``."""
    return f"{value:+.0f}".replace("-", "−")


def policy_name(policy: str) -> str:
    return t(f"policy.{policy}") if policy in POLICIES else policy


def policy_about(policy: str) -> str:
    return t(f"policy.{policy}.about") if policy in POLICIES else ""


def stance_verb(stance: str) -> str:
    return t(f"whatif.lean.{stance}") if stance in ("partner", "push", "neutral") else stance


def pivotal_words(session: Session, turning: Turning) -> str:
    """The pivotal turn in a sentence or two, and what it says about the player's choice."""
    label = session.names.text(session.scenario.meta.turn_label)
    if turning.delta > 0.5:
        verdict = t("whatif.verdict_other")
    elif turning.delta < -0.5:
        verdict = t("whatif.verdict_yours")
    else:
        verdict = t("whatif.verdict_same")
    return t(
        "whatif.pivotal_verdict",
        sentence=_pivotal_sentence(session, turning, label),
        verdict=verdict,
    )


def _pivotal_sentence(session: Session, turning: Turning, label: str) -> str:
    return t(
        "whatif.pivotal",
        label=label,
        turn=turning.turn,
        lean=stance_verb(turning.stance),
        did=decisions_words(session.names, turning.decisions, session.lang),
        instead=t(f"whatif.instead.{turning.instead}"),
        alternative=decisions_words(session.names, turning.alternative, session.lang),
        flipped=f"{turning.flipped_score:.0f}",
        actual=f"{turning.actual_score:.0f}",
        delta=t_count("count.points", signed(turning.delta), n=signed(turning.delta)),
        outcome=t(f"outcome.{turning.flipped_outcome}").lower() if turning.flipped_outcome in ("success", "partial", "failure") else turning.flipped_outcome,
    )


class ScoreRow(Widget):
    """One game's final score as a bar out of 100, with its outcome; the player's row stands out."""

    def __init__(
        self, rect: pygame.Rect, label: str, score: float, outcome: str, tooltip: str, *, mine: bool = False, key: str = "", name_w: int = 0
    ) -> None:
        super().__init__(rect, tooltip=tooltip, key=key)
        self.name_w = name_w  # the label column's width, shared by every row
        self.label = label
        self.score = max(0.0, min(100.0, score))
        self.outcome = outcome
        self.mine = mine

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        if state.hovered or self.mine:
            pygame.draw.rect(surface, theme.colour("selected" if self.mine else "hover"), self.rect, border_radius=theme.px("radius"))
        bold, small = theme.font("small_bold"), theme.font("small")
        pad = theme.px(6)
        name_w = self.name_w or int(self.rect.width * 0.34)
        text.draw(surface, text.fit(self.label, bold, name_w - pad), bold, theme.colour("text"), (self.rect.left + pad, self.rect.centery), "midleft")
        tail = f"{self.score:.0f} · {outcome_word(self.outcome)}"
        tail_w = small.size(t("whatif.tail_room"))[0]
        track = pygame.Rect(self.rect.left + name_w, self.rect.centery - theme.px(6), self.rect.width - name_w - tail_w - 2 * pad, theme.px(12))
        pygame.draw.rect(surface, theme.colour("trust_track"), track, border_radius=track.height // 2)
        filled = track.copy()
        filled.width = round(track.width * self.score / 100)
        if filled.width > 0:
            pygame.draw.rect(surface, theme.colour("accent" if not self.mine else "good"), filled, border_radius=track.height // 2)
        text.draw(surface, tail, small, theme.colour("text"), (track.right + pad, self.rect.centery), "midleft")


class DeltaBars(Widget):
    """Per turn: how much flipping that turn alone would have moved the final score (up or down)."""

    def __init__(self, rect: pygame.Rect, turnings: Sequence[Turning], pivotal: int | None, tooltip: str) -> None:
        super().__init__(rect, tooltip=tooltip, key="whatif:deltas")
        self.turnings = list(turnings)
        self.pivotal = pivotal

    def draw(self, surface: pygame.Surface, theme: Theme, state: WidgetState) -> None:
        if state.hovered:
            pygame.draw.rect(surface, theme.colour("hover"), self.rect, border_radius=theme.px("radius"))
        if not self.turnings:
            return
        small = theme.font("small")
        line = small.get_linesize()
        plot = pygame.Rect(self.rect.left + theme.px(40), self.rect.top + theme.px(4), self.rect.width - theme.px(48), self.rect.height - line - theme.px(8))
        biggest = max(5.0, max(abs(x.delta) for x in self.turnings))
        mid = plot.centery
        pygame.draw.line(surface, theme.colour("border"), (plot.left, mid), (plot.right, mid), 1)
        for value, anchor in ((biggest, plot.top), (-biggest, plot.bottom)):
            text.draw(surface, signed(value), small, theme.colour("text_muted"), (plot.left - theme.px(4), anchor), "midright")
        step = plot.width / len(self.turnings)
        width = max(2, int(step * 0.6))
        every = max(1, int(small.size("00")[0] * 1.5 // max(1.0, step)) + 1)
        for i, turning in enumerate(self.turnings):
            x = int(plot.left + step * i + (step - width) / 2)
            h = round(abs(turning.delta) / biggest * (plot.height / 2))
            colour = theme.colour("good" if turning.delta > 0 else "bad")
            if turning.turn == self.pivotal:
                colour = theme.colour("focus")
            rect = pygame.Rect(x, mid - h if turning.delta > 0 else mid, width, max(1, h))
            pygame.draw.rect(surface, colour, rect)
            if i % every == 0 or turning.turn == self.pivotal:
                text.draw(surface, str(turning.turn), small, theme.colour("text_muted"), (x + width // 2, plot.bottom + theme.px(2)), "midtop")


def build(theme: Theme, session: Session, result: WhatIf | None, error: str, body: pygame.Rect, only: str = "") -> list[Widget]:
    """The page's widgets: a note while the numbers are worked out, then the two panels side by side, or
    just one across ``body`` when ``only`` names it ("styles" or "pivotal": a projector's canvas, where a tab is its title)."""
    gap = theme.px("gap")
    widgets: list[Widget] = []
    if only:
        left = right = Panel(body, "")
    else:
        styles, pivotal = layout.row(body, [int(body.width * 0.5), layout.Share()], gap)
        left, right = Panel(styles, t("whatif.styles")), Panel(pivotal, t("whatif.pivotal_heading"))
    widgets.extend([left] if only else [left, right])
    inner = left.inner(theme)
    if result is None:
        words = t("whatif.error", error=error) if error else t("whatif.working")
        widgets.append(TextBlock(inner, words, colour="text_muted"))
        return widgets
    if only != "pivotal":
        _styles(theme, session, result, inner, widgets, keep_rank=bool(only))
    if only != "styles":
        _pivotal(theme, session, result, right.inner(theme), widgets)
    return widgets


def _styles(theme: Theme, session: Session, result: WhatIf, inner: pygame.Rect, widgets: list[Widget], *, keep_rank: bool = False) -> None:
    """Each built-in style's final score on the player's luck, beside the player's own."""
    gap = theme.px("gap")
    small = theme.font("small")
    intro = t("whatif.styles_intro", seed=result.seed)
    intro_h = text.wrapped_height(intro, small, inner.width)
    widgets.append(TextBlock(pygame.Rect(inner.left, inner.top, inner.width, intro_h), intro, role="small", colour="text_muted"))
    y = inner.top + intro_h + gap
    ending = session.ending
    rows: list[tuple[str, float, str, str, bool, str]] = [
        (t("whatif.you"), result.actual_score, ending.outcome if ending else "", t("whatif.you.tip"), True, "whatif:you")
    ]
    for game in result.policies:
        tip = t("whatif.policy_tip", about=policy_about(game.policy), partner=game.partner, push=t_count("count.pushes", game.push, n=game.push), ending=session.names.text(
            next((e.title for e in session.scenario.endings if e.id == game.ending), game.ending)))
        rows.append((policy_name(game.policy), game.score, game.outcome, tip, False, f"whatif:{game.policy}"))
    rows.sort(key=lambda r: -r[1])
    beaten = sum(game.score < result.actual_score - 0.5 for game in result.policies)
    rank = t_count("whatif.rank", len(result.policies), beaten=beaten, total=len(result.policies)) if beaten else t("whatif.rank_none")
    rank_h = text.wrapped_height(rank, theme.font("body"), inner.width)
    # Alone across a projector's canvas, the rows leave room for the sentence that ranks the player.
    room = inner.bottom - y - (rank_h + gap if keep_rank else 0)
    row_h = max(theme.font("small_bold").get_linesize() + theme.px(4), min(theme.px(40), room // max(1, len(rows))))
    bold = theme.font("small_bold")
    name_w = min(int(inner.width * 0.5), max(bold.size(r[0])[0] for r in rows) + theme.px(16))
    for label, score, outcome, tip, mine, key in rows:
        if y + row_h > inner.bottom:
            break
        widgets.append(ScoreRow(pygame.Rect(inner.left, y, inner.width, row_h), label, score, outcome, tip, mine=mine, key=key, name_w=name_w))
        y += row_h
    if y + gap + rank_h <= inner.bottom:
        widgets.append(TextBlock(pygame.Rect(inner.left, y + gap, inner.width, rank_h), rank, key="whatif:rank"))


def _pivotal(theme: Theme, session: Session, result: WhatIf, inner: pygame.Rect, widgets: list[Widget]) -> None:
    """The turn whose flip would have moved the final score most, in words, and every turn's flip as a bar."""
    gap = theme.px("gap")
    small = theme.font("small")
    body_font = theme.font("body")
    pivotal = result.pivotal
    if pivotal is None:
        widgets.append(TextBlock(inner, t("whatif.no_turns"), colour="text_muted"))
        return
    words = pivotal_words(session, pivotal)
    chart_h = max(theme.px(70), int(inner.height * 0.28))
    room = inner.height - chart_h - 2 * gap - 2 * small.get_linesize()
    # On a projector's larger scale the story may not fit in body text: the smaller role keeps it whole.
    role = "body" if text.wrapped_height(words, body_font, inner.width) <= room else "small"
    words_h = min(text.wrapped_height(words, theme.font(role), inner.width), room)
    widgets.append(TextBlock(pygame.Rect(inner.left, inner.top, inner.width, words_h), words, role=role, key="whatif:pivotal"))
    y = inner.top + words_h + gap
    caption = t("whatif.deltas", label=session.names.text(session.scenario.meta.turn_label).lower())
    caption_h = min(2 * small.get_linesize(), text.wrapped_height(caption, small, inner.width))
    widgets.append(TextBlock(pygame.Rect(inner.left, y, inner.width, caption_h), caption, role="small_bold", max_lines=2))
    y += caption_h + theme.px(4)
    label = session.names.text(session.scenario.meta.turn_label)
    tip = "\n".join(
        t_count("whatif.delta_item", signed(x.delta), label=label, turn=x.turn, lean=stance_verb(x.stance), delta=signed(x.delta)) for x in result.turnings
    )
    widgets.append(DeltaBars(pygame.Rect(inner.left, y, inner.width, inner.bottom - y), result.turnings, pivotal.turn, tip))

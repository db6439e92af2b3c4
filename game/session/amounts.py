"""Metric values and changes written by their unit and natural precision, in the player's language.

``72%``, ``−£12m``, ``5.4 hours``; a change in a percentage is in points (``+3 pts``), a change in
money keeps the currency first (``+£3m``). The desktop game and the terminal game both write
numbers through here, so they always agree. ``minus`` is the sign written before a negative
number: the typographic minus on screen, a plain hyphen where a console may lack the character.
"""

from __future__ import annotations

from game.i18n import language, t, t_count
from game.i18n.numbers import decimal_mark, number
from game.session.views import MetricView

MINUS = "\u2212"


def decimal(value: float, digits: int) -> str:
    """A number with the player's decimal mark: ``5.2`` or ``5,2``."""
    return number(value, language(), digits)


def span_digits(span: float) -> int:
    """Decimals a metric ranging over ``span`` of its unit is written with: none for a wide range, else one."""
    return 0 if abs(span) >= 20 else 1


def metric_digits(metric: MetricView) -> int:
    return span_digits(metric.maximum - metric.minimum)


def amount(number: float, unit: str, digits: int, *, minus: str = MINUS) -> str:
    """``number`` in ``unit`` with ``digits`` decimals: ``72%``, ``−£12m``, ``9 M€``, ``5.4 hours``."""
    sign = minus if round(number, digits) < 0 else ""
    text = decimal(abs(number), digits)
    if unit == "%":
        return sign + t("fmt.percent", n=text)
    if unit.startswith(("£", "$")):
        return f"{sign}{unit[0]}{text}{unit[1:]}"
    if unit.startswith("€") and decimal_mark(language()) == ".":
        return f"{sign}€{text}{unit[1:]}"
    return f"{sign}{text} {unit}".rstrip()


def moved(delta: float, digits: int) -> bool:
    """Whether ``delta`` shows at all when written with ``digits`` decimals."""
    return abs(delta) >= 0.5 * 10.0**-digits


def change(delta: float, unit: str, digits: int, *, minus: str = MINUS) -> str:
    """A change in ``unit``: ``+3 pts`` for a percentage, ``−£1m``, ``+0.4 hours``; ``no change`` when it rounds to nothing."""
    if not moved(delta, digits):
        return t("fmt.no_change")
    sign = "+" if delta > 0 else minus
    if unit == "%":
        size = decimal(abs(delta), digits)
        return t_count("fmt.points", size, n=sign + size)
    return sign + amount(abs(delta), unit, digits)


def reason_digits(delta: float, size: float) -> int:
    """Decimals for a metric's change named as a reason: the metric's own precision (``size`` is the
    change over the metric's range), one more when that would round a change worth naming to nothing."""
    digits = span_digits(abs(delta) / size if size > 0 else 0.0)
    return digits + 1 if not moved(delta, digits) else digits


def metric_value(metric: MetricView, value: float | None = None, *, minus: str = MINUS) -> str:
    """The metric's value (or ``value`` in its unit) as the player reads it."""
    return amount(metric.value if value is None else value, metric.unit, metric_digits(metric), minus=minus)


def metric_moved(metric: MetricView) -> bool:
    """Whether the metric moved visibly (by more than its display rounding)."""
    return moved(metric.trend, metric_digits(metric))


def metric_change(metric: MetricView, *, minus: str = MINUS) -> str:
    """Last turn's movement in the metric's unit: ``+3 pts``, ``−£1m``, ``no change``."""
    return change(metric.trend, metric.unit, metric_digits(metric), minus=minus)


def signed_points(delta: float, *, minus: str = MINUS) -> str:
    """A change in a 0..1 quantity as percentage points, such as ``+4 pts``; ``no change`` when under half a point."""
    points = round(delta * 100)
    if points == 0:
        return t("fmt.no_change")
    return t_count("fmt.points", points, n=f"{points:+d}".replace("-", minus))

"""Each team's colour, the same in the report and on the board, and never against its name.

A team whose name holds a colour word (``Red``, ``Team Blue``, ``Les Verts``;
English and French) is drawn in that colour; the others take, in the
workshop file's order, the palette's colours that no team has taken, so no
team is drawn in a colour another team is named after. The palette is Okabe
and Ito's, told apart with the common kinds of colour blindness.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# name -> hex, in the order unnamed teams take them (Okabe and Ito's palette, then two more).
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "pink": "#CC79A7",
    "red": "#D55E00",  # Okabe and Ito's vermilion: their red
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "brown": "#8C564B",
    "purple": "#7B4EA3",
    "black": "#000000",
    "grey": "#7F7F7F",
    "white": "#E8E8E8",
}
UNNAMED_ORDER = ("blue", "orange", "green", "pink", "red", "sky", "brown", "purple", "yellow")

# Colour words, English and French (accents removed, masculine and feminine, singular and plural).
WORDS: dict[str, str] = {
    "blue": "blue", "bleu": "blue", "bleue": "blue", "bleus": "blue", "bleues": "blue", "navy": "blue",
    "orange": "orange", "oranges": "orange", "amber": "orange", "ambre": "orange",
    "green": "green", "vert": "green", "verte": "green", "verts": "green", "vertes": "green",
    "pink": "pink", "rose": "pink", "roses": "pink", "magenta": "pink",
    "red": "red", "rouge": "red", "rouges": "red", "scarlet": "red", "crimson": "red", "ecarlate": "red",
    "sky": "sky", "cyan": "sky", "turquoise": "sky", "azure": "sky", "azur": "sky", "ciel": "sky",
    "yellow": "yellow", "jaune": "yellow", "jaunes": "yellow", "gold": "yellow", "golden": "yellow",
    "or": "yellow", "dore": "yellow", "doree": "yellow",
    "brown": "brown", "marron": "brown", "brun": "brown", "brune": "brown", "bruns": "brown", "brunes": "brown",
    "purple": "purple", "violet": "purple", "violette": "purple", "violets": "purple", "violettes": "purple",
    "mauve": "purple", "lilac": "purple", "lilas": "purple", "pourpre": "purple",
    "black": "black", "noir": "black", "noire": "black", "noirs": "black", "noires": "black",
    "grey": "grey", "gray": "grey", "gris": "grey", "grise": "grey", "grises": "grey", "silver": "grey",
    "argent": "grey",
    "white": "white", "blanc": "white", "blanche": "white", "blancs": "white", "blanches": "white",
}
# "or" (gold) is also French for "or"/"now": only a name of that one word means the colour.
_ALONE_ONLY = {"or"}


def named_colour(team: str) -> str | None:
    """The palette colour a team's name calls for (its first colour word), or None."""
    plain = unicodedata.normalize("NFKD", team.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = re.findall(r"[a-z]+", plain)
    for word in words:
        colour = WORDS.get(word)
        if colour is not None and (word not in _ALONE_ONLY or len(words) == 1):
            return colour
    return None


def _shade(hex_colour: str, step: int) -> str:
    """A darker shade of ``hex_colour`` for the ``step``-th team sharing it (0: the colour itself)."""
    if step == 0:
        return hex_colour
    factor = max(0.35, 1.0 - 0.22 * step)
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(v * factor) for v in (r, g, b)))


def team_colours(teams: Sequence[str]) -> dict[str, str]:
    """Every team's colour (hex), by name: its name's colour word first, then the palette's free colours."""
    wanted = {team: named_colour(team) for team in teams}
    taken = {c for c in wanted.values() if c is not None}
    free = [c for c in UNNAMED_ORDER if c not in taken] or list(UNNAMED_ORDER)
    uses: dict[str, int] = {}
    out: dict[str, str] = {}
    n = 0
    for team in teams:
        colour = wanted[team]
        if colour is None:
            colour = free[n % len(free)]
            n += 1
        out[team] = _shade(PALETTE[colour], uses.get(colour, 0))
        uses[colour] = uses.get(colour, 0) + 1
    return out

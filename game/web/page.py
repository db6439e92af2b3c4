"""What every web page shares: the frame, the landing page and the page that says why not.

Pages are built on the server as strings; every text from a scenario, a team name or a request is
escaped with :func:`game.pages.style.esc`. The frame links the one style sheet and the one script
this server carries (``/static/``): nothing inline, nothing from elsewhere.
"""

from __future__ import annotations

from game.i18n import translate
from game.pages.style import esc


def frame(title: str, body: str, lang: str | None, *, refresh: int | None = None, classes: str = "") -> str:
    """A whole page. ``refresh``: seconds after which a browser without script reloads it."""
    again = f'<noscript><meta http-equiv="refresh" content="{refresh}"></noscript>' if refresh else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang or "en")}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n{again}"
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">\n'
        '<link rel="stylesheet" href="/static/seat.css">\n'
        '<script src="/static/seat.js" defer></script>\n</head>\n'
        f'<body class="{esc(classes)}">\n<main>\n{body}\n</main>\n</body>\n</html>\n'
    )


def message_page(lang: str | None, title_key: str, text: str, back: str | None = None) -> str:
    """A short page that says what went wrong and where to go back to."""
    title = translate(lang, title_key)
    link = f'<p><a class="button" href="{esc(back)}">{esc(translate(lang, "web.back"))}</a></p>' if back else ""
    return frame(title, f'<section class="card"><h1>{esc(title)}</h1><p role="alert">{esc(text)}</p>{link}</section>', lang)


def landing(lang: str | None, title: str) -> str:
    """The room's address: a form for a team's join code."""
    body = (
        f'<section class="card"><h1>{esc(title)}</h1>'
        f'<p>{esc(translate(lang, "web.landing.intro"))}</p>'
        '<form method="get" action="/join" class="join">'
        f'<label for="code">{esc(translate(lang, "web.landing.code"))}</label>'
        '<input id="code" name="code" autocomplete="off" autocapitalize="off" spellcheck="false" '
        'required maxlength="64" pattern="[A-Za-z0-9_\\-]+">'
        f'<button type="submit">{esc(translate(lang, "web.landing.join"))}</button></form></section>'
    )
    return frame(title, body, lang)

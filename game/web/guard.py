"""What every request passes before the app sees it: size limit, rate limits, security headers.

One ASGI middleware, so it also covers requests no route knows. Limits:

* a request body over :data:`MAX_BODY` bytes is refused (413) from its ``Content-Length``, or as
  soon as more arrives than it announced; only ``application/x-www-form-urlencoded`` bodies are
  read (:mod:`game.web.forms`);
* every client (its address and the seat or console it speaks to) has a token bucket: a steady
  rate and a burst (429 beyond, with ``Retry-After``); a client's wrong codes have a much smaller
  bucket of their own (:meth:`Limiter.wrong_code`), so guessing codes is hopeless as well as
  slow;
* every answer carries a content security policy that allows only this server's own style sheet
  and script (no inline script or style, nothing from another origin, no framing), ``nosniff``, no
  referrer (the address carries the team's code), and ``no-store`` except for the static files.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 16 * 1024  # the largest form (every option of a 60-action turn ticked) is under 4 kB
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


@dataclass
class Bucket:
    tokens: float
    at: float


@dataclass
class Limiter:
    """Token buckets per client: ``rate`` requests a second, up to ``burst`` at once."""

    rate: float = 20.0
    burst: float = 60.0
    wrong_rate: float = 10 / 60  # wrong codes: ten a minute
    wrong_burst: float = 20.0
    clock: Callable[[], float] = time.monotonic
    buckets: dict[tuple[str, str], Bucket] = field(default_factory=dict)
    wrong: dict[str, Bucket] = field(default_factory=dict)

    def _take(self, store: dict[Any, Bucket], key: Any, rate: float, burst: float, cost: float) -> float:
        """0 when allowed (and a token taken), else the seconds until one would be."""
        now = self.clock()
        bucket = store.get(key)
        if bucket is None:
            if len(store) > 10_000:  # forget idle clients rather than grow without end
                store.clear()
            bucket = store[key] = Bucket(burst, now)
        bucket.tokens = min(burst, bucket.tokens + (now - bucket.at) * rate)
        bucket.at = now
        if bucket.tokens >= cost:
            bucket.tokens -= cost
            return 0.0
        return (cost - bucket.tokens) / rate if rate > 0 else 60.0

    def allow(self, client: str, seat: str) -> float:
        return self._take(self.buckets, (client, seat), self.rate, self.burst, 1.0)

    def wrong_code(self, client: str) -> float:
        """Count one wrong code from ``client``; the wait before it may try again (0: now)."""
        return self._take(self.wrong, client, self.wrong_rate, self.wrong_burst, 1.0)

    def blocked(self, client: str) -> bool:
        """Whether ``client`` has used up its wrong codes (checked before looking a code up)."""
        bucket = self.wrong.get(client)
        if bucket is None:
            return False
        now = self.clock()
        return min(self.wrong_burst, bucket.tokens + (now - bucket.at) * self.wrong_rate) < 1.0


def seat_of(path: str) -> str:
    """What a request speaks to, for its rate bucket: the seat or console part of its path."""
    parts = path.split("/", 3)
    return "/".join(parts[:3]) if len(parts) > 2 and parts[1] in ("t", "f") else "/"


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
               *HEADERS, (b"cache-control", b"no-store"), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """The middleware; ``limiter`` is shared with the app (wrong codes are counted there)."""

    def __init__(self, app: ASGIApp, limiter: Limiter, refusals: Callable[[str], str]) -> None:
        self.app = app
        self.limiter = limiter
        self.refusals = refusals  # a refusal's key -> its words (in the room's language)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?", 0))[0]
        path: str = scope.get("path", "/")
        wait = self.limiter.allow(client, seat_of(path))
        if wait > 0:
            await _plain(send, 429, self.refusals("web.refused.too_fast"),
                         [(b"retry-after", str(max(1, round(wait))).encode())])
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await _plain(send, 413, self.refusals("web.refused.too_large"))
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_BODY:
                    raise BodyTooLarge
            return message

        static = path.startswith("/static/")

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in HEADERS if h[0] not in names]
                if b"cache-control" not in names:
                    extra.append((b"cache-control", b"max-age=3600" if static else b"no-store"))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, limited, secured)
        except BodyTooLarge:
            await _plain(send, 413, self.refusals("web.refused.too_large"))


class BodyTooLarge(Exception):
    """More body arrived than :data:`MAX_BODY`."""

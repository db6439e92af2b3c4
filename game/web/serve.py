"""`shove workshop serve DIR [--host H] [--port P]`: the workshop in the browser.

Start-up reads the workshop, resumes every team that has a session file, binds the address the
facilitator chose, and prints what that exposes, the room's address (with a QR code in the
terminal and ``DIR/room-qr.png``; a QR code per team in ``DIR/qr/``), one line
``team NAME: URL`` per team and ``facilitator: URL``. It then serves until Ctrl+C or SIGTERM;
every move is already on disk, so stopping (or a crash) loses nothing, and the decision clocks'
time left is written every few seconds (:mod:`game.web.clocks`).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import ipaddress
import re
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from types import FrameType
from typing import TextIO

import uvicorn

from game.i18n import LANGUAGES, catalogue, translate, translate_count
from game.web.access import AccessError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
FORECAST_PROCESSES = 2  # one a core on the facilitator's laptop; the server's own thread serves moves


def lan_address() -> str | None:
    """This computer's address on its local network (the one its default route leaves from), if any.

    A UDP socket "connected" to a private address sends nothing; it only picks the interface."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        found = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if found.startswith("127.") or found == "0.0.0.0" else found


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: a free one). OSError when it cannot be had.

    Made as TCP by name (``IPPROTO_TCP``), as asyncio makes its own: asyncio turns Nagle's algorithm
    off (``TCP_NODELAY``) only on connections whose socket says so, and with it on, a page sent
    right after a form is posted waited some 40 ms for the browser's delayed acknowledgement."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def exposure(host: str) -> tuple[str, str]:
    """What binding ``host`` exposes (a catalogue key) and the address to give the room."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return "web.serve.exposes_name", host
    if ip.is_loopback:
        return "web.serve.exposes_local", host
    if ip.is_unspecified:
        return "web.serve.exposes_all", lan_address() or "127.0.0.1"
    return "web.serve.exposes_one", host


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def write_codes(folder: Path, room_url: str, links: dict[str, str], out: TextIO) -> None:
    """The room's QR code in the terminal and as DIR/room-qr.png, and one per team in DIR/qr/."""
    import segno

    from game.atomic import write_bytes
    from game.web.access import PRIVATE

    qr = segno.make(room_url, error="m")
    qr.terminal(out=out, compact=True)
    import io

    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=10, border=3)
    write_bytes(folder / "room-qr.png", buffer.getvalue())
    teams = folder / "qr"
    teams.mkdir(exist_ok=True)
    for team, url in links.items():
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="png", scale=8, border=3)
        write_bytes(teams / f"{team}.png", buffer.getvalue(), mode=PRIVATE)


class QuietStop(uvicorn.Server):
    """uvicorn's server, stopping cleanly on Ctrl+C or SIGTERM and then returning (exit code 0)
    rather than raising the signal again once stopped: every move is already on disk."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.should_exit and sig == signal.SIGINT:
            self.force_exit = True  # a second Ctrl+C: stop without waiting for open requests
        else:
            self.should_exit = True


def run(args: argparse.Namespace, lang: str, out: TextIO = sys.stdout) -> int:
    """Serve until interrupted; the exit code."""
    started = time.perf_counter()
    from game.web import forecasting

    # The forecast workers start first (a second or so), alongside the server's own start, so that
    # the first forecasts of the workshop do not wait for them.
    pool = forecasting.make_pool(FORECAST_PROCESSES)
    forecasting.warm_up(pool, FORECAST_PROCESSES, str(Path(args.dir)))
    try:
        return _serve(args, lang, out, started, pool)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _serve(args: argparse.Namespace, lang: str, out: TextIO, started: float, pool: concurrent.futures.Executor) -> int:
    from game.web.app import Web, make_app
    from game.web.room import Room
    from game.workshop.files import SessionFileError

    try:
        room = Room(args.dir, lang)
    except AccessError as exc:
        print(translate(lang, "web.serve.access_problem", file=exc.path, problem=exc.reason.say(lang)), file=sys.stderr)
        return 1
    except SessionFileError as exc:
        print(translate(lang, "workshop.cli.file_problem", file=exc.path, problem=exc.say(lang)), file=sys.stderr)
        return 1
    host = args.host or DEFAULT_HOST
    try:
        sock = bind(host, args.port if args.port is not None else DEFAULT_PORT)
    except OSError as exc:
        print(translate(lang, "web.serve.cannot_bind", host=host, port=args.port, detail=exc.strerror or exc), file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    key, shown = exposure(host)
    base = f"http://{url_host(shown)}:{port}"
    web = Web(room, base_url=base, forecast_processes=FORECAST_PROCESSES, pool=pool)
    for place in room.places.values():
        if place.problem is not None:
            print(translate(lang, "workshop.cli.file_problem", file=place.problem.path,
                            problem=place.problem.say(lang)), file=sys.stderr)
    print(translate(lang, key, host=host, port=port), file=out)
    print(translate(lang, "web.serve.room", url=f"{base}/"), file=out)
    try:
        write_codes(room.workshop.folder, f"{base}/", web.links(), out)
    except OSError as exc:
        print(translate(lang, "web.serve.qr_unwritable", detail=exc.strerror or exc), file=sys.stderr)
    print(translate(lang, "web.serve.qr_png", path=room.workshop.folder / "room-qr.png"), file=out)
    for team, url in web.links().items():
        print(f"team {team}: {url}", file=out)
    print(f"facilitator: {base}/f/{room.access.facilitator}/", file=out)
    took = f"{time.perf_counter() - started:.1f}"
    print(translate_count(lang, "web.serve.ready", took, seconds=took), file=out)
    out.flush()
    config = uvicorn.Config(make_app(web), log_level="warning", access_log=False, lifespan="off",
                            timeout_graceful_shutdown=3, server_header=False)
    server = QuietStop(config)
    stop = threading.Event()
    clocks = threading.Thread(target=room.keep_clocks, args=(stop,), name="clocks", daemon=True)
    clocks.start()
    try:
        server.run(sockets=[sock])
    finally:
        stop.set()
        clocks.join()
        sock.close()
    print(translate(lang, "web.serve.stopped"), file=out)
    out.flush()
    return 0


def read_addresses(lines: Iterable[str]) -> tuple[dict[str, str], str]:
    """Each team's address and the facilitator's, read back from the lines ``workshop serve`` prints
    (``team NAME: URL``, ``facilitator: URL``) up to the one saying it is ready, in any language.
    Raises EOFError when the lines end first (the server stopped)."""
    ready = tuple(catalogue(lang)["web.serve.ready.other"].split("{", 1)[0] for lang in LANGUAGES)
    teams: dict[str, str] = {}
    facilitator = ""
    for line in lines:
        if found := re.match(r"^team (\S+): (\S+)$", line.strip()):
            teams[found.group(1)] = found.group(2)
        elif found := re.match(r"^facilitator: (\S+)$", line.strip()):
            facilitator = found.group(1)
        elif line.startswith(ready):
            return teams, facilitator
    raise EOFError("the server stopped before it said it was ready")

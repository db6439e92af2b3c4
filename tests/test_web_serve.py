"""How `workshop serve` listens: the socket it binds itself behaves as one asyncio would make."""

from __future__ import annotations

import asyncio
import socket

from game.web.serve import bind


def test_connections_on_the_bound_socket_send_without_waiting_for_acknowledgements() -> None:
    """Nagle's algorithm off (TCP_NODELAY) on every connection, as asyncio sets it on sockets it
    makes: with it on, a page sent right after a posted form waited some 40 ms on loopback."""
    sock = bind("127.0.0.1", 0)

    async def accepted() -> int:
        seen: list[int] = []

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            seen.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handle, sock=sock)
        async with server:
            reader, writer = await asyncio.open_connection(*sock.getsockname()[:2])
            await reader.read()  # until the server closes it
            writer.close()
        return seen[0]

    assert asyncio.run(accepted()) != 0

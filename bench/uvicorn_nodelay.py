"""uvicorn's command line with TCP_NODELAY on every connection of `--workers N` too.

uvicorn binds the listening socket itself for several workers, with `proto` 0; accepted
sockets inherit it, and asyncio turns Nagle's algorithm off only when a socket says
IPPROTO_TCP. Every keep-alive request after a connection's first then waits for the client's
delayed ACK (about 40 ms on Linux): uvicorn issue #3149, open in 0.54 (fix proposed in PR
#3154). A single worker is not affected (asyncio binds from getaddrinfo, proto 6).

    python -m bench.uvicorn_nodelay [uvicorn's own options]

The benchmark runs every server through this module when asked (`--nodelay`), to measure
several workers as they will run once uvicorn is fixed.
"""

from __future__ import annotations

import socket

import uvicorn.config
from uvicorn.main import main

_bind = uvicorn.config.Config.bind_socket


def _bind_tcp(self: uvicorn.config.Config) -> socket.socket:
    sock = _bind(self)
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.set_inheritable(True)
        return tcp
    return sock


uvicorn.config.Config.bind_socket = _bind_tcp  # type: ignore[method-assign]

if __name__ == "__main__":
    main()

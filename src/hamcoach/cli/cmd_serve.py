"""`hamcoach serve`: the web app on this machine (SQLite by default)."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Annotated

import typer

from hamcoach.cli.errors import UsageProblem


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    if host == "localhost":
        return True
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def host_name(host: str) -> str:
    """The host as it is written in a URL: IPv6 addresses in brackets."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host
    return f"[{address}]" if address.version == 6 else str(address)


def lan_address() -> str:
    """This machine's address on its local network: the one a packet to the internet would
    leave from (a UDP "connection" sends nothing)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, never reached
        address: str = probe.getsockname()[0]
    except OSError:
        raise UsageProblem(
            "--lan: this machine has no network address (is it connected?); use --host"
        ) from None
    finally:
        probe.close()
    return address


def serve(
    host: Annotated[
        str,
        typer.Option(
            metavar="HOST",
            help="Interface to bind; without accounts loopback only (127.0.0.1, ::1).",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="INTEGER", help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option(help="Start on a temporary database with 8 weeks of demo training.")
    ] = False,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the app in your browser.")
    ] = False,
    lan: Annotated[
        bool,
        typer.Option(
            "--lan",
            help="Listen on this machine's local-network address and print a QR code that "
            "signs a phone in (needs accounts: hamcoach users add NAME).",
        ),
    ] = False,
    user: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="With --lan: whose sign-in code to print."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            metavar="INTEGER",
            help="Worker processes (more than 1 needs PostgreSQL: HAMCOACH_DATABASE_URL).",
        ),
    ] = 1,
    certfile: Annotated[
        Path | None,
        typer.Option(metavar="PATH", help="TLS certificate (PEM): serve HTTPS directly."),
    ] = None,
    keyfile: Annotated[
        Path | None, typer.Option(metavar="PATH", help="TLS private key (PEM) for --certfile.")
    ] = None,
) -> None:
    """Run the web app: onboarding, this week, guided sessions, history, progress.

    With no accounts configured it is a personal, local app: it listens on 127.0.0.1 only.
    With accounts (hamcoach users add NAME) it may listen on the network: --lan picks this
    machine's address and prints a QR code; a phone's installable app and offline mode need
    HTTPS off loopback (--certfile/--keyfile, or a reverse proxy; see the README).

    Examples:
      hamcoach serve --open
      hamcoach serve --lan --certfile cert.pem --keyfile key.pem
      HAMCOACH_DATABASE_URL=postgresql+psycopg://hamcoach@/hamcoach hamcoach serve --workers 4
    """
    if not 1 <= port <= 65535:
        raise UsageProblem(f"--port {port}: use 1-65535")
    if not 1 <= workers <= 64:
        raise UsageProblem(f"--workers {workers}: use 1-64")
    if (certfile is None) != (keyfile is None):
        raise UsageProblem("--certfile and --keyfile go together: give both or neither")
    for path in (certfile, keyfile):
        if path is not None and not path.is_file():
            raise UsageProblem(f"{path}: no such file")
    if demo and (lan or workers > 1):
        raise UsageProblem("--demo is a local, single-process app: leave out --lan and --workers")
    import datetime as dt
    import os
    import shutil
    import tempfile
    from dataclasses import replace

    import uvicorn

    from hamcoach.config import load_settings
    from hamcoach.storage.store import open_store
    from hamcoach.web.app import create_app, tune_gc

    settings = load_settings()
    if workers > 1 and not settings.database_url.startswith("postgresql"):
        raise UsageProblem(
            f"--workers {workers} needs PostgreSQL (HAMCOACH_DATABASE_URL=postgresql+psycopg://"
            "...): SQLite takes one writer process"
        )
    host = lan_address() if lan else host.strip("[]")  # --host [::1] and --host ::1 alike
    folder = Path(tempfile.mkdtemp(prefix="hamcoach-demo-")) if demo else None
    try:
        if folder is not None:
            settings = replace(
                settings, database_url=f"sqlite:///{folder / 'demo.db'}", data_dir=folder
            )
        store = open_store(settings)
        if not is_loopback(host):
            from hamcoach.services.accounts import accounts_mode

            if not accounts_mode(store.uow()):
                store.close()
                raise UsageProblem(
                    f"--host {host}: without accounts hamcoach serves this machine only "
                    "(127.0.0.1); a network address would expose your training log. Add an "
                    "account first: hamcoach users add NAME"
                )
        bound = host_name(host)
        if bound.lower() not in {h.lower() for h in settings.allowed_hosts}:
            # The address it was started on is always one it answers to (127.0.0.2, say).
            settings = replace(settings, allowed_hosts=(*settings.allowed_hosts, bound))
        if folder is not None:
            from hamcoach.services.demo import seed_demo

            seed_demo(store.uow, dt.datetime.now(dt.UTC).date())
        scheme = "https" if certfile else "http"
        url = f"{scheme}://{bound}:{port}/"
        where = "a temporary demo database, removed on exit" if demo else settings.database_url
        typer.echo(f"hamcoach: serving on {url} (database: {where}); Ctrl+C stops it")
        if lan:
            _print_pairing(store, user, url)
            if scheme == "http":
                typer.echo(
                    "note: plain HTTP on a network: the phone can sign in and log sets, but "
                    "browsers allow offline mode and installing the app only over HTTPS "
                    "(--certfile/--keyfile; see the README)"
                )
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        tls = {"ssl_certfile": str(certfile), "ssl_keyfile": str(keyfile)} if certfile else {}
        if workers > 1:
            _nodelay_for_workers()
            store.close()
            # Each worker builds its app from the environment: pass the hosts on that way.
            os.environ["HAMCOACH_ALLOWED_HOSTS"] = ",".join(settings.allowed_hosts)
            uvicorn.run(
                "hamcoach.web.app:app_from_env",
                factory=True,
                host=host,
                port=port,
                workers=workers,
                log_level="warning",
                timeout_graceful_shutdown=10,
                **tls,  # type: ignore[arg-type]
            )
            return
        app = create_app(settings, store)
        tune_gc()
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="warning",
            timeout_graceful_shutdown=10,
            **tls,  # type: ignore[arg-type]
        )
        store.close()
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _nodelay_for_workers() -> None:
    """TCP_NODELAY on every connection of several workers too.

    For `workers > 1` uvicorn binds the listening socket itself with `proto` 0; accepted
    sockets inherit it, and asyncio turns Nagle's algorithm off only for a socket that says
    IPPROTO_TCP, so every keep-alive request after a connection's first waited for the client's
    delayed ACK (about 40 ms: 362 requests/s for a hello route instead of 11 000). uvicorn issue
    #3149, open in 0.54 (fix proposed in PR #3154); remove this when a release has it.
    """
    import uvicorn.config

    bind = uvicorn.config.Config.bind_socket
    if getattr(bind, "hamcoach_nodelay", False):
        return

    def bind_tcp(config: uvicorn.config.Config) -> socket.socket:
        sock = bind(config)
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
            tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
            tcp.set_inheritable(True)
            return tcp
        return sock

    bind_tcp.hamcoach_nodelay = True  # type: ignore[attr-defined]
    uvicorn.config.Config.bind_socket = bind_tcp  # type: ignore[method-assign,assignment]


def _print_pairing(store: object, user: str | None, url: str) -> None:
    """A one-time sign-in link for the phone, as a QR code in the terminal and as text."""
    import datetime as dt
    import io

    import segno

    from hamcoach.services.accounts import find_account, list_users
    from hamcoach.services.links import pairing_link
    from hamcoach.storage.store import Store

    assert isinstance(store, Store)
    if user is None:
        names = [u.username for u in list_users(store.uow()) if u.disabled_at is None]
        if len(names) != 1:
            raise UsageProblem(
                f"--lan: {len(names)} accounts can sign in; say whose code to print: --user NAME"
            )
        user = names[0]
    with store.uow() as uow:
        account = find_account(uow, user)
    secret = pairing_link(store.uow(), account.id, dt.datetime.now(dt.UTC))
    link = f"{url}pair/{secret}"
    code = io.StringIO()
    segno.make(link, error="m").terminal(out=code, compact=True)
    typer.echo(code.getvalue())
    typer.echo(f"Point {account.username}'s phone camera at the code (or open {link});")
    typer.echo("it signs in once within 10 minutes. More devices: Account > Sign in a phone.")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)

"""`hamcoach serve`: the web app on this machine (SQLite by default)."""

from __future__ import annotations

import ipaddress
import socket
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


def serve(
    host: Annotated[
        str,
        typer.Option(metavar="HOST", help="Interface to bind; local mode allows loopback only."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(metavar="INTEGER", help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option(help="Start on a temporary database with 8 weeks of demo training.")
    ] = False,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the app in your browser.")
    ] = False,
) -> None:
    """Run the web app: onboarding, this week, guided sessions, history, progress.

    With no accounts configured it is a personal, local app: it listens on 127.0.0.1 only.
    """
    host = host.strip("[]")  # --host [::1] and --host ::1 alike
    if not is_loopback(host):
        raise UsageProblem(
            f"--host {host}: without accounts hamcoach serves this machine only (127.0.0.1); "
            "a non-loopback address would expose your training log to the network"
        )
    if not 1 <= port <= 65535:
        raise UsageProblem(f"--port {port}: use 1-65535")
    import datetime as dt
    import shutil
    import tempfile
    from dataclasses import replace
    from pathlib import Path

    import uvicorn

    from hamcoach.config import load_settings
    from hamcoach.storage.store import open_store
    from hamcoach.web.app import create_app, tune_gc

    settings = load_settings()
    bound = host_name(host)
    if bound.lower() not in {h.lower() for h in settings.allowed_hosts}:
        # The address it was started on is always one it answers to (127.0.0.2, say).
        settings = replace(settings, allowed_hosts=(*settings.allowed_hosts, bound))
    folder = Path(tempfile.mkdtemp(prefix="hamcoach-demo-")) if demo else None
    try:
        if folder is not None:
            settings = replace(
                settings, database_url=f"sqlite:///{folder / 'demo.db'}", data_dir=folder
            )
        store = open_store(settings)
        if folder is not None:
            from hamcoach.services.demo import seed_demo

            seed_demo(store.uow, dt.datetime.now(dt.UTC).date())
        app = create_app(settings, store)
        tune_gc()
        url = f"http://{bound}:{port}/"
        where = "a temporary demo database, removed on exit" if demo else settings.database_url
        typer.echo(f"hamcoach: serving on {url} (database: {where}); Ctrl+C stops it")
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        store.close()
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)

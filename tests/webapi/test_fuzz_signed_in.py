"""Issue 13: schemathesis over every operation of the OpenAPI document in accounts mode, signed
in, with all of its checks (as `test_fuzz.py` does in local mode): zero 5xx, every status and
body as documented, invalid data refused and valid data accepted.

Two callers, each on its own database whose account has onboarded (a profile):
- a script with a read-write personal API token (`Authorization: Bearer ...`);
- a browser: the session cookie from `POST /signin` and the page's CSRF token sent as
  `X-CSRF-Token`, as `api.js` does.

The cases, how they are sent and which refusals of valid-looking data are right are
`test_fuzz.py`'s own (imported, not copied). Fewer examples per operation than there: the
routes' logic is what local mode fuzzes; here the accounts layer in front of each is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from hamcoach.config import Settings
from hamcoach.domain.accounts import Scope
from hamcoach.services.accounts import add_user
from hamcoach.services.coaching import set_coach
from hamcoach.services.tokens import create_token
from hamcoach.storage.store import open_store
from hamcoach.web.app import create_app
from hamcoach.web.auth import COOKIE
from tests.hashers import CountingHasher
from tests.webapi.conftest import PROFILE
from tests.webapi.test_fuzz import _DOC, _SCHEMA, BASE, CASES, OPERATIONS
from tests.webapi.test_fuzz import _refusal_is_right as refusal_is_right
from tests.webapi.test_fuzz import _send as send

PASSWORD = "correct horse battery"
# Examples per operation and generation mode, for each caller (local mode's test takes 40).
EXAMPLES = {"token": 10, "cookie": 5}
# An undo's body takes hypothesis about half a second to generate (a whole set, every field
# constrained): a few examples show what the accounts layer does with it.
FEWER = {("POST", "/api/v1/sets/restore"): 3}
NEEDS_A_CALLER = [
    (method, path)
    for method, path in OPERATIONS
    if "401" in _DOC["paths"][path][method.lower()]["responses"]
]


@pytest.fixture(scope="module", params=["token", "cookie"])
def caller(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, TestClient]]:
    """(how it signs in, a client that sends it on every request) on an accounts-mode app."""
    kind: str = request.param
    folder: Path = tmp_path_factory.mktemp(f"fuzz-{kind}")
    config = Settings(f"sqlite:///{folder / 'fuzz.db'}", folder)
    store = open_store(config)
    now = dt.datetime.now(dt.UTC)
    account = add_user(store.uow(), "ana", PASSWORD, now=now, hasher=CountingHasher())
    set_coach(store.uow(), "ana", coach=True)  # a coach who trains: the coach routes serve too
    app = create_app(config, store)
    with TestClient(app, base_url=BASE) as client:
        # No account-mode switch by hand: the app finds the account on its first request.
        assert client.get("/api/v1/profile").status_code == 401
        if kind == "token":
            secret = create_token(store.uow(), account, "fuzz", Scope.WRITE, now)
            client.headers["Authorization"] = f"Bearer {secret}"
        else:
            done = client.post(
                "/signin",
                data={"username": "ana", "password": PASSWORD, "next": "/today"},
                follow_redirects=False,
            )
            assert done.status_code == 303 and client.cookies.get(COOKIE)
            # The page's token, as api.js reads it from the meta tag.
            page = client.get("/today").text
            found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
            assert found is not None and found.group(1)
            client.headers["X-CSRF-Token"] = found.group(1)
        profile = client.put("/api/v1/profile", json=PROFILE)
        assert profile.status_code == 200, profile.text
        yield kind, client
    store.close()


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_every_check_passes_signed_in(
    caller: tuple[str, TestClient], method: str, path: str, mode: GenerationMode
) -> None:
    kind, client = caller
    strategy = _SCHEMA[path][method].as_strategy(generation_mode=mode)
    statuses: list[int] = []

    @given(case=strategy)
    @settings(
        max_examples=min(EXAMPLES[kind], FEWER.get((method, path), EXAMPLES[kind])),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case[Any]) -> None:
        response = send(client, case)
        response.request.read()  # a streamed multipart body: the checks read it again
        statuses.append(response.status_code)
        assert response.status_code < 500, (kind, method, path, response.text)
        try:
            case.validate_response(response, transport_kwargs={"base_url": BASE})
        except (AssertionError, BaseExceptionGroup) as found:
            failures = list(getattr(found, "exceptions", [found]))
            wrong = [f for f in failures if not refusal_is_right(response, f)]
            if wrong:
                raise

    check()
    # Signed in means served: no example was refused for who sent it (401) or for a missing
    # CSRF token or scope (403), valid or not.
    assert statuses and not {401, 403} & set(statuses), (kind, method, path, statuses)


def test_every_operation_that_needs_a_caller_documents_401() -> None:
    open_ones = {p for _, p in OPERATIONS} - {p for _, p in NEEDS_A_CALLER}
    assert open_ones == {"/api/v1/health", "/api/v1/ready", "/calendar/{token}.ics"}
    assert len(NEEDS_A_CALLER) == len(OPERATIONS) - 3

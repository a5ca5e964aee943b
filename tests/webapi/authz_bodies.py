"""A valid request for every route of the app that writes (tests/webapi/test_authorization.py).

With a valid body, a refusal is the authorization's and not the body's: the owner is served with
each (the test asserts it), so an unauthorized caller who is not refused would write for real.
Values come from `ids`, the owner's objects of the moment; `"path"` overrides a path parameter.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import uuid
from typing import Any

from PIL import Image

from tests.videos import flat
from tests.webapi.conftest import PROFILE

PASSWORD = "correct horse battery"
OWNER_NAME = "Olga Owner"
SENT_NAME = "Sent In"  # a profile's name in a request: its echo is not the owner's data shown


def jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    """A small real JPEG (a video frame, as the Tests page sends it)."""
    out = io.BytesIO()
    Image.new("RGB", size, (90, 120, 150)).save(out, format="JPEG", quality=80)
    return out.getvalue()


MARKED: dict[str, Any] = {
    "hip": [420.0, 300.0],
    "knee": [300.0, 420.0],
    "ankle": [120.0, 420.0],
    "frame_jpeg": base64.b64encode(jpeg()).decode(),
    "video_time_s": 2.5,
}


def ics(uid: str, day: dt.date) -> bytes:
    start = f"{day:%Y%m%d}T060000Z"
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//authz//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:{start}\r\nDTSTART:{start}\r\nDURATION:PT45M\r\n"
        "SUMMARY:Easy run\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def _profile_form(ids: dict[str, str]) -> dict[str, Any]:
    days = dict(pair.split("=") for pair in str(PROFILE["week"]).split(","))
    return {
        "name": SENT_NAME,
        "units": "kg",
        "equipment": ["towel", "partner"],
        "sessions": "2",
        "per_session": "2",
        "timezone": "UTC",
        **{f"day_{day}": kind for day, kind in days.items()},
    }


BODIES: dict[tuple[str, str], Any] = {
    ("PUT", "/api/v1/profile"): lambda ids: {"json": {**PROFILE, "name": SENT_NAME}},
    ("POST", "/api/v1/plan/moves"): lambda ids: {
        "json": {"from": ids["move_from"], "to": ids["move_to"]}
    },
    ("POST", "/api/v1/sets"): lambda ids: {
        "json": {
            "id": str(uuid.uuid4()),
            "exercise": "floor-curl",
            "variant": "towel",
            "reps": 10,
            "performed_at": ids["at"],
        }
    },
    ("POST", "/api/v1/sets/restore"): lambda ids: {
        "json": {
            "id": str(uuid.uuid4()),
            "exercise": "floor-curl",
            "variant": "towel",
            "stance": "both",
            "side": None,
            "set_number": 1,
            "target_reps_min": 10,
            "target_reps_max": 12,
            "target_load": None,
            "reps": 11,
            "load": None,
            "unit": "kg",
            "rir": None,
            "performed_at": ids["at"],
            "session_date": ids["date"],
        }
    },
    ("PATCH", "/api/v1/sets/{set_id}"): lambda ids: {"json": {"reps": 12, "load": 31.0}},
    ("DELETE", "/api/v1/sets/{set_id}"): lambda ids: {},
    # (a day before the logged one: a session with sets keeps its version and is not skipped)
    ("POST", "/api/v1/sessions/{date}/start"): lambda ids: {
        "json": {"full": True},
        "path": {"date": ids["day_before"]},
    },
    ("POST", "/api/v1/sessions/{date}/skip"): lambda ids: {"path": {"date": ids["day_before"]}},
    ("POST", "/api/v1/sessions/{date}/finish"): lambda ids: {"json": {"note": "felt fine"}},
    ("POST", "/api/v1/tests"): lambda ids: {"json": {"kind": "break-angle", "degrees": 41.0}},
    ("POST", "/api/v1/tests/marked"): lambda ids: {"json": MARKED},
    ("POST", "/api/v1/tests/video"): lambda ids: {
        "files": {"file": ("n.webm", flat(10, fps=10, size=(64, 48)))}
    },
    ("POST", "/api/v1/soreness"): lambda ids: {"json": {"score": 3, "date": ids["date"]}},
    ("POST", "/api/v1/calendar/reset"): lambda ids: {},
    ("PUT", "/api/v1/runs/{external_id}/type"): lambda ids: {"json": {"type": "long"}},
    ("POST", "/api/v1/runs/import"): lambda ids: {
        "files": {"files": ("more.ics", ics(str(uuid.uuid4()), dt.date.fromisoformat(ids["date"])))}
    },
    ("POST", "/today/version"): lambda ids: {"data": {"full": "true"}},
    ("POST", "/today/soreness"): lambda ids: {"data": {"soreness": "2"}},
    ("POST", "/signin"): lambda ids: {"data": {"username": "olga", "password": PASSWORD}},
    ("POST", "/signout"): lambda ids: {},
    ("POST", "/pair/{secret}"): lambda ids: {},
    ("POST", "/reset/{secret}"): lambda ids: {
        "data": {"password": "another horse battery", "again": "another horse battery"}
    },
    # The same password again: the change is made (and ends the other sessions) while the test's
    # accounts keep their password; the caller signs in again after it.
    ("POST", "/account/password"): lambda ids: {
        "data": {"current": PASSWORD, "new": PASSWORD, "again": PASSWORD}
    },
    ("POST", "/account/pair"): lambda ids: {},
    ("POST", "/account/tokens"): lambda ids: {"data": {"name": "script", "scope": "read"}},
    ("POST", "/account/tokens/{token_id}/revoke"): lambda ids: {},
    ("POST", "/account/coaches/{coach_id}/leave"): lambda ids: {},
    ("POST", "/coach/athletes/{athlete_id}/comments"): lambda ids: {
        "data": {"date": ids["date"], "body": "well done"}
    },
    # Names the owner, whose coach is in another club: no head coach here may move her.
    ("POST", "/club/move"): lambda ids: {
        "data": {"athlete": ids["athlete_id"], "from": ids["coach_id"], "to": ids["other_coach"]}
    },
    ("POST", "/coach/invitations"): lambda ids: {"data": {"group": "Tuesday group"}},
    # Names the owner: only her own coach may change her programme.
    ("POST", "/coach/programme"): lambda ids: {
        "data": {
            "who": f"athlete:{ids['athlete_id']}",
            "change": "sessions:3",
            "start": ids["next_monday"],
        }
    },
    ("POST", "/api/v1/coach/programme"): lambda ids: {
        "json": {
            "athletes": [int(ids["athlete_id"])],
            "change": "sessions:1",
            "start": ids["next_monday"],
        }
    },
    ("POST", "/coach/invitations/{invitation_id}/withdraw"): lambda ids: {},
    ("POST", "/coach/athletes/{athlete_id}/remove"): lambda ids: {},
    ("POST", "/invite/{secret}"): lambda ids: {},
    ("POST", "/history/comments"): lambda ids: {"data": {"date": ids["date"], "body": "hello"}},
    ("POST", "/history/sets"): lambda ids: {
        "data": {"date": ids["date"], "exercise": "floor-curl", "reps": "10", "load": ""}
    },
    ("POST", "/onboarding"): lambda ids: {"data": _profile_form(ids)},
    ("POST", "/runs/{external_id}/type"): lambda ids: {"data": {"type": "easy"}},
    ("POST", "/tests"): lambda ids: {"data": {"kind": "break-angle", "degrees": "43"}},
    ("POST", "/week/move"): lambda ids: {"data": {"from": ids["move_from"], "to": ids["move_to"]}},
}
# Routes whose body names the owner: on them, a coach's rule is not enough; only her coach may.
NAMES_THE_OWNER = {"/coach/programme", "/api/v1/coach/programme", "/club/move"}
# Objects of the owner's in the path: another account's call is refused, not served for itself.
OWNER_OBJECTS = ("{set_id}", "{token_id}", "{external_id}", "{coach_id}", "{group_id}")

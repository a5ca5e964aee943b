"""FIT files that break the format's rules part-way, read as far as Garmin's FIT SDK gets.

Some apps write files that stop following the FIT rules after a while (a data message that
points at a local message never defined: "local message 11 not defined" in fitdecode). The
messages before the damage are intact, and Garmin's SDK (`garmin-fit-sdk`, the reference
decoder) returns them with the error that stopped it. `activity_readers.read_fit` imports a run
from such a file only when a complete session summary (sport, start, time) came before the
damage, and says what it recovered; anything else stays refused.

Runs in the budgeted child, like every reader: the SDK keeps every message it decodes, and the
child's CPU and memory limits bound that as they bound fitdecode.
"""

from __future__ import annotations

from typing import Any

# The messages read_fit uses, under the SDK's names.
_SDK_KEYS = {
    "file_id": "file_id_mesgs",
    "sport": "sport_mesgs",
    "session": "session_mesgs",
    "lap": "lap_mesgs",
}


def read_until_damage(data: bytes) -> tuple[dict[str, list[dict[str, Any]]], str | None]:
    """The file's file_id, sport, session and lap messages up to the first error, and the SDK's
    error (None when it read the whole file)."""
    # Imported here: only damaged files need the SDK's decoder (and its 40 ms of imports).
    from garmin_fit_sdk import Decoder, Stream

    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    messages, errors = decoder.read(
        expand_sub_fields=False, expand_components=False, merge_heart_rates=False
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for key, sdk_key in _SDK_KEYS.items():
        values = messages.get(sdk_key) if isinstance(messages, dict) else None
        listed = values if isinstance(values, list) else []
        found[key] = [m for m in listed if isinstance(m, dict)]
    error = f"{errors[0]!s:.200}" if errors else None
    return found, error

"""What kind of file an upload is (FIT, GPX, TCX, iCalendar), from its first bytes and name.

Light on purpose: the budgeted child that reads activities imports this and the readers only,
not the calendar libraries (each child starts a fresh interpreter, so every import counts).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as xml_fromstring

from hamcoach.integrations.errors import BadFile

KINDS = {"fit": "FIT", "gpx": "GPX", "tcx": "TCX", "ics": "iCalendar"}
_EXTENSIONS = {".fit": "fit", ".gpx": "gpx", ".tcx": "tcx", ".ics": "ics", ".ical": "ics"}
TCX_ROOT = "TrainingCenterDatabase"


def _parse_xml(data: bytes, name: str) -> Element:
    try:
        root: Element = xml_fromstring(data)
    except ParseError as exc:
        line = exc.position[0] if exc.position else "?"
        raise BadFile(name, f"invalid XML at line {line}") from None
    except DefusedXmlException:
        raise BadFile(name, "XML with entity declarations is refused") from None
    except LookupError as exc:  # an unknown encoding in the XML declaration
        raise BadFile(name, f"unreadable XML ({exc})") from None
    return root


def sniff(data: bytes, name: str) -> tuple[str, Element | None]:
    expected = _EXTENSIONS.get(Path(name).suffix.lower())
    text = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    kind: str | None = None
    root: Element | None = None
    if len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT":
        kind = "fit"
    elif text[:15].upper() == b"BEGIN:VCALENDAR":
        kind = "ics"
    elif text.startswith(b"<"):
        try:
            root = _parse_xml(data, name)
        except BadFile:
            if expected in (None, "gpx", "tcx"):
                raise
            kind = "xml"  # a broken XML file named .fit or .ics: refused below by its name
        else:
            local = root.tag.rsplit("}", 1)[-1]
            kind = {"gpx": "gpx", TCX_ROOT: "tcx"}.get(local)
            if kind is None and expected is None:
                raise BadFile(name, f"an XML file, but neither GPX nor TCX (root <{local}>)")
    if expected is not None and kind != expected:
        if kind in KINDS:
            article = "an" if KINDS[kind][0] in "AEIOUi" else "a"
            raise BadFile(name, f"named {Path(name).suffix} but holds {article} {KINDS[kind]} file")
        detail = "bad header" if expected == "fit" else "unexpected content"
        raise BadFile(name, f"not a {KINDS[expected]} file ({detail})")
    if kind is None or kind not in KINDS:
        raise BadFile(name, "not a FIT, GPX, TCX or iCalendar file")
    return kind, root

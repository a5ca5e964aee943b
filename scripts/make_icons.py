"""Draw the app icon as SVG and as PNGs (192, 512, maskable 512) with the standard library only.

One geometry feeds both outputs, so the PNGs match the SVG. The output is deterministic:
`python scripts/make_icons.py --check` exits 1 when the committed files are stale.
Usage: python scripts/make_icons.py [--check]
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "hamcoach" / "web" / "static" / "icons"
BG = (0x0F, 0x76, 0x6E)  # teal, the theme colour
FG = (0xFF, 0xFF, 0xFF)
CORNER = 96.0  # corner radius of the "any" icon, in 512-unit space

# A bent leg (hip -> knee -> heel) and an arrow for the heel's curl path, in 512-unit space.
LEG = ((96.0, 180.0), (300.0, 230.0), (200.0, 350.0))
LEG_W = 56.0
KNEE = LEG[1]
ARC_R, ARC_FROM, ARC_TO, ARC_W = 205.0, math.radians(22), math.radians(100), 20.0
HEAD = 44.0  # arrowhead size


def _arc_point(angle: float) -> tuple[float, float]:
    return KNEE[0] + ARC_R * math.cos(angle), KNEE[1] + ARC_R * math.sin(angle)


def _arrowhead() -> tuple[tuple[float, float], ...]:
    tip_x, tip_y = _arc_point(ARC_TO + 0.22)
    base_x, base_y = _arc_point(ARC_TO)
    # Perpendicular to the arc at its end is the radius direction.
    nx, ny = math.cos(ARC_TO), math.sin(ARC_TO)
    half = HEAD / 2
    return (
        (tip_x, tip_y),
        (base_x + nx * half, base_y + ny * half),
        (base_x - nx * half, base_y - ny * half),
    )


def _seg_dist(px: float, py: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _glyph_dist(px: float, py: float, tri: tuple[tuple[float, float], ...]) -> float:
    """Signed distance (negative inside) from a point to the white glyph."""
    d = min(_seg_dist(px, py, LEG[0], LEG[1]), _seg_dist(px, py, LEG[1], LEG[2])) - LEG_W / 2
    angle = math.atan2(py - KNEE[1], px - KNEE[0])
    if ARC_FROM <= angle <= ARC_TO:
        arc = abs(math.hypot(px - KNEE[0], py - KNEE[1]) - ARC_R)
    else:
        arc = min(math.dist((px, py), _arc_point(a)) for a in (ARC_FROM, ARC_TO))
    d = min(d, arc - ARC_W / 2)
    edges = [_seg_dist(px, py, tri[i], tri[(i + 1) % 3]) for i in range(3)]
    cross = [
        (tri[(i + 1) % 3][0] - tri[i][0]) * (py - tri[i][1])
        - (tri[(i + 1) % 3][1] - tri[i][1]) * (px - tri[i][0])
        for i in range(3)
    ]
    inside = all(c >= 0 for c in cross) or all(c <= 0 for c in cross)
    return min(d, -min(edges) if inside else min(edges))


def _rounded_rect_dist(px: float, py: float, radius: float) -> float:
    qx = abs(px - 256) - (256 - radius)
    qy = abs(py - 256) - (256 - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def render(size: int, *, maskable: bool) -> bytes:
    """RGBA rows for a size x size icon; maskable icons are full-bleed with the glyph at 80 %."""
    scale = 512 / size
    tri = _arrowhead()
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # PNG filter type: none
        for x in range(size):
            px, py = (x + 0.5) * scale, (y + 0.5) * scale
            bg = (
                1.0
                if maskable
                else min(1.0, max(0.0, 0.5 - _rounded_rect_dist(px, py, CORNER) / scale))
            )
            gx, gy = (256 + (px - 256) / 0.8, 256 + (py - 256) / 0.8) if maskable else (px, py)
            g = min(
                1.0, max(0.0, 0.5 - _glyph_dist(gx, gy, tri) / (scale / (0.8 if maskable else 1)))
            )
            rows.extend(round(BG[c] + (FG[c] - BG[c]) * g) for c in range(3))
            rows.append(round(255 * bg))
    return bytes(rows)


def png(size: int, rgba_rows: bytes) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rgba_rows, 9))
        + chunk(b"IEND", b"")
    )


def svg() -> str:
    (hx, hy), (kx, ky), (ex, ey) = LEG
    (ax, ay), (bx, by) = _arc_point(ARC_FROM), _arc_point(ARC_TO)
    tri = " ".join(f"{x:.1f},{y:.1f}" for x, y in _arrowhead())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" role="img" '
        'aria-labelledby="icon-t">\n'
        '<title id="icon-t">hamcoach</title>\n'
        f'<rect width="512" height="512" rx="{CORNER:g}" fill="#{bytes(BG).hex()}"/>\n'
        f'<g fill="none" stroke="#{bytes(FG).hex()}" stroke-linecap="round" '
        'stroke-linejoin="round">\n'
        f'<path d="M{hx:g} {hy:g}L{kx:g} {ky:g}L{ex:g} {ey:g}" stroke-width="{LEG_W:g}"/>\n'
        f'<path d="M{ax:.1f} {ay:.1f}A{ARC_R:g} {ARC_R:g} 0 0 1 {bx:.1f} {by:.1f}" '
        f'stroke-width="{ARC_W:g}"/>\n'
        f'<polygon points="{tri}" fill="#{bytes(FG).hex()}" stroke="none"/>\n'
        "</g>\n</svg>\n"
    )


def outputs() -> dict[str, bytes]:
    return {
        "icon.svg": svg().encode(),
        "icon-192.png": png(192, render(192, maskable=False)),
        "icon-512.png": png(512, render(512, maskable=False)),
        "icon-maskable-512.png": png(512, render(512, maskable=True)),
    }


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, data in outputs().items():
        path = OUT / name
        if check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(name)
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if stale:
        print("stale icons (run scripts/make_icons.py):", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

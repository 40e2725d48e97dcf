#!/usr/bin/env python3
"""Draws the Varig app icons as PNG files (standard library only: zlib + struct).

A teal square with a white check-like "V" rising to the right: a practice that holds.
Run from anywhere; writes frontend/static/icons/icon-{192,512}.png and icon-maskable-512.png.
"""
import math
import os
import struct
import zlib

TEAL = (11, 93, 91)
WHITE = (255, 255, 255)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "static", "icons")


def seg_dist(px, py, ax, ay, bx, by):
    """Distance from point P to segment AB."""
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return math.hypot(px - cx, py - cy)


def rounded_rect_cover(x, y, size, radius):
    """1.0 inside a rounded square of the given corner radius, with a soft 1px edge."""
    r = radius
    cx = min(max(x, r), size - r)
    cy = min(max(y, r), size - r)
    d = math.hypot(x - cx, y - cy) - r
    return max(0.0, min(1.0, 0.5 - d))


def draw(size, maskable):
    # The mark lives in the inner 60% for maskable icons (the safe zone is a circle of 80%).
    scale = 0.6 if maskable else 0.78
    off = (1 - scale) / 2
    # A "V" whose right arm is longer: a check mark, in unit coordinates.
    pts = [(0.12, 0.48), (0.42, 0.82), (0.90, 0.14)]
    pts = [((off + scale * x) * size, (off + scale * y) * size) for x, y in pts]
    stroke = size * scale * 0.075
    radius = 0 if maskable else size * 0.18
    rows = []
    for j in range(size):
        row = bytearray([0])  # filter type 0
        for i in range(size):
            x, y = i + 0.5, j + 0.5
            bg = 1.0 if maskable else rounded_rect_cover(x, y, size, radius)
            d = min(seg_dist(x, y, *pts[0], *pts[1]), seg_dist(x, y, *pts[1], *pts[2]))
            ink = max(0.0, min(1.0, stroke - d + 0.5))
            r, g, b = (round(TEAL[k] * (1 - ink) + WHITE[k] * ink) for k in range(3))
            row += bytes((r, g, b, round(255 * bg)))
        rows.append(bytes(row))
    return png(size, size, b"".join(rows))


def png(w, h, raw):
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, size, maskable in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
    ]:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(draw(size, maskable))
        print("wrote", name)


if __name__ == "__main__":
    main()

"""Draws the four tab-bar icons (81x81 PNG, grey and selected blue) without image libraries.

Run once: python3 miniapp/scripts/make-tab-icons.py  (writes miniapp/src/assets/tab/*.png)
"""
import math
import os
import struct
import zlib

SIZE, SS = 81, 4  # output size, supersampling factor
OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'assets', 'tab')


def png(path, pixels):
    raw = b''.join(b'\x00' + bytes(sum((list(p) for p in row), [])) for row in pixels)
    def chunk(kind, data):
        c = struct.pack('>I', len(data)) + kind + data
        return c + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0))
    data += chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
    with open(path, 'wb') as f:
        f.write(data)


def inside_poly(x, y, pts):
    c = False
    j = len(pts) - 1
    for i in range(len(pts)):
        xi, yi = pts[i]
        xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            c = not c
        j = i
    return c


def rect(x0, y0, x1, y1):
    return lambda x, y: x0 <= x <= x1 and y0 <= y <= y1


def circle(cx, cy, r):
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def poly(*pts):
    return lambda x, y: inside_poly(x, y, pts)


def ring(cx, cy, r, w):
    return lambda x, y: (r - w) ** 2 <= (x - cx) ** 2 + (y - cy) ** 2 <= r * r


# Each icon: (shapes that paint, shapes that cut out), in 0..81 coordinates.
ICONS = {
    'home': ([poly((40.5, 8), (76, 40), (66, 40), (66, 74), (15, 74), (15, 40), (5, 40))],
             [rect(33, 50, 48, 74)]),
    'service': ([rect(14, 8, 67, 74)],
                [rect(21, 18, 60, 23), rect(21, 31, 60, 36), rect(21, 44, 60, 49), rect(21, 57, 46, 62)]),
    'election': ([rect(8, 38, 73, 74), poly((24, 8), (57, 8), (57, 34), (24, 34))],
                 [rect(22, 44, 59, 49), poly((30, 20), (35, 15), (40, 21), (51, 11), (55, 16), (40, 30))]),
    'me': ([circle(40.5, 24, 15), lambda x, y: y >= 44 and y <= 75 and ((x - 40.5) / 31) ** 2 + ((y - 75) / 31) ** 2 <= 1],
           [lambda x, y: 38 <= y <= 44]),
}

COLORS = {'': (0x33, 0x33, 0x33), '-active': (0x0D, 0x47, 0xA1)}

os.makedirs(OUT, exist_ok=True)
for name, (paint, cut) in ICONS.items():
    cover = []
    for py in range(SIZE):
        row = []
        for px in range(SIZE):
            hits = 0
            for sy in range(SS):
                for sx in range(SS):
                    x = px + (sx + 0.5) / SS
                    y = py + (sy + 0.5) / SS
                    if any(s(x, y) for s in paint) and not any(s(x, y) for s in cut):
                        hits += 1
            row.append(hits / (SS * SS))
        cover.append(row)
    for suffix, (r, g, b) in COLORS.items():
        pixels = [[(r, g, b, int(round(a * 255))) for a in row] for row in cover]
        png(os.path.join(OUT, f'{name}{suffix}.png'), pixels)
print('wrote', sorted(os.listdir(OUT)))

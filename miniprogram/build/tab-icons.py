"""Draws the tab bar icons (WeChat wants PNG files there, no SVG, no icon font). Run once; the PNGs are committed."""
import math, struct, zlib, pathlib

N, S = 81, 4  # size, supersampling

def house(x, y):
    roof = y >= 14 and y <= 40 and abs(x - 40.5) <= (y - 14) * 1.15
    body = 20 <= x <= 61 and 36 <= y <= 66
    door = 34 <= x <= 47 and 48 <= y <= 66
    return (roof or body) and not door

def bolt(x, y):  # lightning: emergency repair
    pts = [(46, 8), (20, 46), (38, 46), (32, 73), (62, 32), (43, 32), (50, 8)]
    inside = False
    j = len(pts) - 1
    for i in range(len(pts)):
        xi, yi = pts[i]; xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside

def calendar(x, y):
    frame = 12 <= x <= 69 and 16 <= y <= 68
    hollow = 17 <= x <= 64 and 30 <= y <= 63
    rings = (24 <= x <= 29 or 52 <= x <= 57) and 9 <= y <= 22
    cells = hollow and any(a <= x <= a + 8 for a in (21, 36, 51)) and any(b <= y <= b + 7 for b in (34, 48))
    return (frame and not hollow) or rings or cells

def person(x, y):
    head = (x - 40.5) ** 2 + (y - 26) ** 2 <= 13 ** 2
    body = y >= 46 and y <= 70 and ((x - 40.5) ** 2 / 26 ** 2 + (y - 70) ** 2 / 24 ** 2) <= 1
    return head or body

def png(path, shape, rgb):
    rows = []
    for py in range(N):
        row = bytearray([0])
        for px in range(N):
            hits = sum(shape(px + (i + .5) / S, py + (j + .5) / S) for i in range(S) for j in range(S))
            row += bytes(rgb) + bytes([round(255 * hits / (S * S))])
        rows.append(bytes(row))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', N, N, 8, 6, 0, 0, 0)) \
        + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
    pathlib.Path(path).write_bytes(data)

out = pathlib.Path(__file__).resolve().parent.parent / 'src' / 'static' / 'tab'
for name, shape in [('home', house), ('repair', bolt), ('maint', calendar), ('me', person)]:
    png(out / f'{name}.png', shape, (0x5c, 0x64, 0x70))
    png(out / f'{name}-on.png', shape, (0x1d, 0x5b, 0xd8))

"""Page geometry for the PDF reader: characters, ruling lines, lattice grids.

Everything here works in *display* coordinates: points, origin at the top-left
of the page as it is shown (page rotation applied), y growing downwards — the
same convention pdfplumber uses, so the two can be compared cell for cell.

A lattice grid is built the way a person reads a ruled table: the horizontal
and vertical rules that touch each other form one table; every distinct rule
position is a grid line; two neighbouring elementary cells with no rule
between them belong to one merged cell. Characters go to the cell holding
their centre. A merged cell keeps its text in its top-left position and marks
the other positions it covers, so "covered by a merged cell" stays distinct
from "printed empty".

Only pypdfium2 (Apache-2.0/BSD) is used; it is about 20x faster than
pdfplumber on these documents.
"""

from __future__ import annotations

import ctypes
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from msgspec import Struct

# Geometry tolerances, in points.
SNAP = 2.0  # rules closer than this are one grid line (double rules, hairline fills)
JOIN = 3.0  # collinear pieces with gaps up to this are one rule
TOUCH = 3.0  # a rule ending this close to another one still meets it
MIN_RULE = 4.0  # shorter strokes are tick marks or glyph parts, not rules
MAX_THICK = 3.0  # a filled rectangle thinner than this is a rule
MIN_CELL = 4.0  # grid lines closer than this after snapping are merged
# A path whose bounds (all its points, stroke included) are smaller than this both ways has no
# edge of MIN_RULE: its segments are not read. Half a point of margin for pdfium's float maths.
TINY_PATH = MIN_RULE - 0.5


class Char(Struct, gc=False):
    """One printed character in display space. A msgspec Struct: built in C once per character
    of every page (a third of a slotted dataclass's cost), and holds no references that could
    form a cycle, so the collector need not track it."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # font size estimate (box height)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    """A printed line of text: characters sharing a baseline, left to right."""

    chars: list[Char]
    text: str = ""
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    size: float = 0.0

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1))


@dataclass(slots=True)
class Rule:
    """A horizontal (``y0 == y1``) or vertical (``x0 == x1``) ruling line."""

    x0: float
    y0: float
    x1: float
    y1: float
    horizontal: bool = False

    def __post_init__(self) -> None:
        self.horizontal = abs(self.y1 - self.y0) < abs(self.x1 - self.x0)


@dataclass
class GridCell:
    text: str
    bbox: tuple[float, float, float, float]  # of the (merged) cell
    covered: bool = False  # position covered by a merged cell anchored elsewhere


@dataclass
class Grid:
    """One ruled table on one page."""

    bbox: tuple[float, float, float, float]
    xs: list[float]
    ys: list[float]
    rows: list[list[GridCell]] = field(default_factory=list)
    chars: list[Char] = field(default_factory=list)  # characters placed inside
    # One ruled row alone (a table's last row carried over to the next page): a table row only
    # where it continues the table that ended the previous page, else printed lines.
    lone: bool = False


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    rules: list[Rule]


# ------------------------------------------------------------- extraction


def _display_transform(page: pdfium.PdfPage):
    """Map PDF user space to top-left display space with the page rotation."""
    left, bottom, right, top = page.get_cropbox()
    rot = page.get_rotation() % 360
    if rot == 90:
        return lambda x, y: (y - bottom, x - left)
    if rot == 180:
        return lambda x, y: (right - x, y - bottom)
    if rot == 270:
        return lambda x, y: (top - y, right - x)
    return lambda x, y: (x - left, top - y)


def page_chars(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None) -> list[Char]:
    """Every printed character with its display box (generated spaces and clipped text dropped)."""
    # An unrotated page (nearly all) maps PDF space to display space inline: no call per character.
    tf = _display_transform(page) if page.get_rotation() % 360 else None
    left, _, _, page_top = page.get_cropbox()
    tp = textpage or page.get_textpage()
    raw = tp.raw
    found = _text_chars(raw, pdfium_c.FPDFText_CountChars(raw))
    clip_shows, region = _visible_filter(raw, found)
    out: list[Char] = []
    placed: dict[str, dict[int, tuple[list[float], list[float]]]] = {}  # see _overprint
    # The characters of a line share its top, bottom and height, and a page repeats its
    # characters: one object for each value (a 171-page 决算's 106k characters took 40 MB
    # while its pages were assembled, a third of it copies of equal floats and strings).
    same: dict = {}
    share = same.setdefault
    for i, ch, l, b, r, t in found:
        if clip_shows is not None:
            x, y = (l + r) / 2, (b + t) / 2
            if (region is None or not (region[0] <= x <= region[2] and region[1] <= y <= region[3])) and not (
                clip_shows(i, x, y)
            ):
                continue  # clipped away: present in the file, not printed
        if tf is None:
            xa, ya, xb, yb = l - left, page_top - b, r - left, page_top - t
        else:
            xa, ya = tf(l, b)
            xb, yb = tf(r, t)
        # min()/max() spelt out (same results, this loop runs once per character)
        x0, x1 = (xb, xa) if xb < xa else (xa, xb if xb > xa else xa)
        top, bottom = (yb, ya) if yb < ya else (ya, yb if yb > ya else ya)
        h = bottom - top
        if x1 - x0 <= 0 and h <= 0:
            continue
        if _overprint(placed, ch, x0, top, x1, bottom):
            continue  # the same glyph printed again over itself (simulated bold): one character
        out.append(Char(share(ch, ch), x0, share(top, top), x1, share(bottom, bottom), share(h, h) if h > 1.0 else 1.0))
    return out


def _text_chars(raw, n: int) -> list[tuple[int, str, float, float, float, float]]:
    """(index, character, PDF-space box) of every character of the text page that is not
    generated by pdfium (spaces between words, line breaks) and has a box."""
    rect = pdfium_c.FS_RECTF()
    prect = ctypes.byref(rect)
    get_box, is_gen = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_IsGenerated
    units = _text_units(raw, n)  # every char's UTF-16 unit in one call, not one call per char
    if units is None:
        units = [pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(n)]
    found: list[tuple[int, str, float, float, float, float]] = []
    pending_high = 0
    for i, code in enumerate(units):
        if code <= 0x20:
            # pdfium generates only spaces and line breaks (between words, at line ends)
            if code == 0 or code == 0x0A or code == 0x0D or code == 0x02 or is_gen(raw, i):
                continue
        elif 0xD800 <= code < 0xE000:  # UTF-16 surrogate pair
            if code < 0xDC00:
                pending_high = code
                continue
            if pending_high:
                code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
                pending_high = 0
            else:  # a low half alone is no character: a lone surrogate cannot be written as UTF-8
                code = 0xFFFD
        elif code == 0xFFFE:
            continue
        if not get_box(raw, i, prect):
            continue
        left, bottom, right, top = rect.left, rect.bottom, rect.right, rect.top
        if not math.isfinite(left + bottom + right + top):  # a damaged file's NaN or infinite box: not placed
            continue
        found.append((i, chr(code), left, bottom, right, top))
    return found


def _text_units(raw, n: int):
    """The UTF-16 code unit of each of the page's ``n`` characters (as FPDFText_GetUnicode gives
    them one by one), or None when pdfium's bulk text does not have one unit per character."""
    if n <= 0:
        return None
    buf = ctypes.create_string_buffer((n + 1) * 2)
    written = pdfium_c.FPDFText_GetText(raw, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    if written != n + 1:  # n units and the terminating zero
        return None
    return memoryview(buf.raw).cast("H")[:n]


def _overprint(
    placed: dict[str, dict[int, tuple[list[float], list[float]]]],
    text: str,
    x0: float,
    top: float,
    x1: float,
    bottom: float,
) -> bool:
    """The character repeats one already printed at (almost) the same place: "年" drawn three
    times a fraction of a point apart to look bold is one "年". A real repeated character
    ("22" in 2022) stands a full glyph width further on. Records the character when it is new.

    ``placed``: character -> 4-pt band of its top -> the x0s of the copies kept, sorted, and
    their tops; only the copies near x0 are compared (a row of a table prints "0" dozens of
    times in one band). Keyed by character first: most of a page's characters of text are the
    first of their kind on it, and need one lookup (this runs once per character)."""
    band = int(top // 4)
    bands = placed.get(text)
    if bands is None:
        placed[text] = {band: ([x0], [top])}
        return False
    width = x1 - x0
    height = bottom - top
    dx = 0.3 * (0.1 if 0.1 > width else width)
    dy = 0.3 * (0.1 if 0.1 > height else height)
    # a point of slack around the window: the exact test below decides
    lo, hi = x0 - dx - 1.0, x0 + dx + 1.0
    for b in (band - 1, band, band + 1):
        kept = bands.get(b)
        if kept is None:
            continue
        xs, tops = kept
        for k in range(bisect_left(xs, lo), bisect_right(xs, hi)):
            if abs(x0 - xs[k]) < dx and abs(top - tops[k]) < dy:
                return True
    kept = bands.get(band)
    if kept is None:
        bands[band] = ([x0], [top])
    else:
        k = bisect_right(kept[0], x0)
        kept[0].insert(k, x0)
        kept[1].insert(k, top)
    return False


def _visible_filter(raw, found):
    """How to tell printed characters from clipped ones: ``(shows, region)``.

    ``shows`` is None when every character is printed; else ``shows(index, x, y)`` reads one
    character's own clip path. ``region`` (None, or a box widened by a point) holds the
    characters known to be printed without reading their clip.

    Some producers lay a long text out once and show a page-sized window of it
    per page through a clip path, so the text layer of a page holds lines that
    are not printed on it. Reading every object's clip is slow, so a sample of
    objects is read first: when they share one clip rectangle, only characters
    outside that rectangle need their own clip checked.
    """
    if not found:
        return None, None
    get_obj = _TEXT_OBJECT

    def inside(box, x, y) -> bool:
        return box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1

    # the characters of one text object share its clip: read it once per object; and objects
    # share clip paths (a page of one-character objects, each clipped to the same table area)
    clips: dict[int | None, tuple[float, float, float, float] | None] = {}
    shared: dict[tuple, tuple[float, float, float, float] | None] = {}

    def own_clip_shows(i: int, x: float, y: float) -> bool:
        obj = get_obj(raw, i)  # the object's address, or None
        if obj in clips:
            box = clips[obj]
        else:
            box = clips[obj] = _clip_rect(obj, shared) if obj else None
        return box is None or inside(box, x, y)

    step = max(1, len(found) // 16)
    boxes = []
    for k in range(0, len(found), step):
        i, _, l, b, r, t = found[k]
        obj = get_obj(raw, i)
        box = _clip_rect(obj) if obj else None
        if box is not None:
            if not inside(box, (l + r) / 2, (b + t) / 2):
                return own_clip_shows, None  # hidden text seen: check every character
            boxes.append(box)
    if not boxes:
        return None, None
    region = (
        min(bx[0] for bx in boxes) - 1,
        min(bx[1] for bx in boxes) - 1,
        max(bx[2] for bx in boxes) + 1,
        max(bx[3] for bx in boxes) + 1,
    )
    return own_clip_shows, region


_FX, _FY = ctypes.c_float(), ctypes.c_float()
_PFX, _PFY = ctypes.byref(_FX), ctypes.byref(_FY)


def _by_address(fn, restype, *argtypes):
    """pdfium's C function ``fn`` called with and returning pointers as plain integers: the
    bindings' typed pointers cost a ctypes object per call and a cast to compare them, and
    the clip of every character of a page may be asked for."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)


_VOIDP, _INT = ctypes.c_void_p, ctypes.c_int
_TEXT_OBJECT = _by_address(pdfium_c.FPDFText_GetTextObject, _VOIDP, _VOIDP, _INT)
_CLIP_PATH = _by_address(pdfium_c.FPDFPageObj_GetClipPath, _VOIDP, _VOIDP)
_CLIP_PATHS = _by_address(pdfium_c.FPDFClipPath_CountPaths, _INT, _VOIDP)
_CLIP_SEGMENTS = _by_address(pdfium_c.FPDFClipPath_CountPathSegments, _INT, _VOIDP, _INT)
_CLIP_SEGMENT = _by_address(pdfium_c.FPDFClipPath_GetPathSegment, _VOIDP, _VOIDP, _INT, _INT)
_SEGMENT_POINT = _by_address(
    pdfium_c.FPDFPathSegment_GetPoint, _INT, _VOIDP, ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_float)
)


def _clip_rect(obj: int, shared: dict | None = None) -> tuple[float, float, float, float] | None:
    """Bounding rectangle (PDF space) of an object's clip path, or None if unclipped.

    Every sub-path of a clip is intersected; a rectangle's box is known from
    two opposite corners, which keeps this to a few calls per object.

    ``shared`` (one page's): rectangles by the addresses of the clip's sub-paths. pdfium shares
    a clip's path data, copy-on-write, among the objects drawn under it, and the page holds
    them while it is loaded, so equal addresses are the same paths: a page of 400
    one-character objects under one clip reads its points once (a 48-page Beijing file spent
    1 s of its 2.5 s reading the same clip 24,000 times).
    """
    cp = _CLIP_PATH(obj)
    if not cp:
        return None
    npaths = _CLIP_PATHS(cp)
    if npaths <= 0:
        return None
    if shared is None:
        return _clip_box(cp, npaths)
    key = tuple(_CLIP_SEGMENT(cp, pi, 0) for pi in range(npaths))
    if None in key:  # a sub-path without points: no address to know it by
        return _clip_box(cp, npaths)
    if key not in shared:
        shared[key] = _clip_box(cp, npaths)
    return shared[key]


def _clip_box(cp: int, npaths: int) -> tuple[float, float, float, float] | None:
    get_seg, get_pt = _CLIP_SEGMENT, _SEGMENT_POINT
    l, b, r, t = -math.inf, -math.inf, math.inf, math.inf
    for pi in range(npaths):
        nseg = _CLIP_SEGMENTS(cp, pi)
        if nseg <= 0:
            continue
        idx = (0, 2) if nseg in (4, 5) else range(nseg)
        xs, ys = [], []
        for si in idx:
            get_pt(get_seg(cp, pi, si), _PFX, _PFY)
            xs.append(_FX.value)
            ys.append(_FY.value)
        l, b, r, t = max(l, min(xs)), max(b, min(ys)), min(r, max(xs)), min(t, max(ys))
    if math.isinf(l):
        return None
    return (l, b, r, t)


def _objects(container, matrix, form: bool):
    """Yield (page object, cumulative matrix) recursively through form XObjects."""
    count = pdfium_c.FPDFFormObj_CountObjects(container) if form else pdfium_c.FPDFPage_CountObjects(container)
    for i in range(count):
        obj = pdfium_c.FPDFFormObj_GetObject(container, i) if form else pdfium_c.FPDFPage_GetObject(container, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, matrix
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            m = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
            yield from _objects(obj, _compose((m.a, m.b, m.c, m.d, m.e, m.f), matrix), True)


def _compose(inner, outer):
    """Matrix product: apply ``inner`` first, then ``outer`` (PDF a b c d e f)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


_R, _G, _B, _A = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
_RGBA = (ctypes.byref(_R), ctypes.byref(_G), ctypes.byref(_B), ctypes.byref(_A))


def _invisible(obj, filled: bool, stroked: bool) -> bool:
    """True when everything the path paints is white or fully transparent."""
    for painted, getter in (
        (filled, pdfium_c.FPDFPageObj_GetFillColor),
        (stroked, pdfium_c.FPDFPageObj_GetStrokeColor),
    ):
        if not painted:
            continue
        if not getter(obj, *_RGBA):
            return False
        if _A.value > 0 and min(_R.value, _G.value, _B.value) < 240:
            return False
    return True


def page_rules(page: pdfium.PdfPage) -> list[Rule]:
    """Horizontal and vertical ruling lines drawn on the page (stroked or thin fills)."""
    tf = _display_transform(page)
    rules: list[Rule] = []
    fx, fy = ctypes.c_float(), ctypes.c_float()
    pfx, pfy = ctypes.byref(fx), ctypes.byref(fy)
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pfill, pstroke = ctypes.byref(fill_mode), ctypes.byref(stroke)
    m = pdfium_c.FS_MATRIX()
    pm = ctypes.byref(m)
    # pdfium calls bound once: a page has thousands of path segments
    get_mode, get_matrix = pdfium_c.FPDFPath_GetDrawMode, pdfium_c.FPDFPageObj_GetMatrix
    count_segs, get_seg = pdfium_c.FPDFPath_CountSegments, pdfium_c.FPDFPath_GetPathSegment
    get_point, get_type, get_close = (
        pdfium_c.FPDFPathSegment_GetPoint,
        pdfium_c.FPDFPathSegment_GetType,
        pdfium_c.FPDFPathSegment_GetClose,
    )
    moveto = pdfium_c.FPDF_SEGMENT_MOVETO
    get_bounds = pdfium_c.FPDFPageObj_GetBounds
    bounds = [ctypes.c_float() for _ in range(4)]  # left, bottom, right, top
    pbounds = [ctypes.byref(v) for v in bounds]
    for obj, outer in _objects(page.raw, _IDENTITY, False):
        get_mode(obj, pfill, pstroke)
        if not stroke.value and not fill_mode.value:
            continue  # clipping path, draws nothing
        if (
            outer is _IDENTITY  # bounds are in page space only for objects outside forms
            and get_bounds(obj, *pbounds)
            and max(bounds[2].value - bounds[0].value, bounds[3].value - bounds[1].value) < TINY_PATH
        ):
            continue  # a glyph-sized drawing: no edge of it is long enough to be a rule
        if _invisible(obj, bool(fill_mode.value), bool(stroke.value)):
            continue  # white background boxes are not rules
        get_matrix(obj, pm)
        a, b, c, d, e, f = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        nseg = count_segs(obj)
        pts: list[tuple[float, float, bool]] = []  # (x, y, starts new subpath)
        closes: list[bool] = []
        for s in range(nseg):
            seg = get_seg(obj, s)
            get_point(seg, pfx, pfy)
            x, y = fx.value, fy.value
            px, py = tf(a * x + c * y + e, b * x + d * y + f)
            pts.append((px, py, get_type(seg) == moveto))
            closes.append(bool(get_close(seg)))
        edges: list[tuple[float, float, float, float]] = []
        start = None
        prev = None
        for (x, y, new), close in zip(pts, closes):
            if new or prev is None:
                start = prev = (x, y)
            else:
                edges.append((prev[0], prev[1], x, y))
                prev = (x, y)
            if close and start is not None:
                edges.append((prev[0], prev[1], start[0], start[1]))
                prev = start
        if fill_mode.value and not stroke.value:
            # A filled thin rectangle is a rule; a filled wide one contributes its edges.
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            if xs and len(pts) <= 6:
                w, h = max(xs) - min(xs), max(ys) - min(ys)
                if h <= MAX_THICK and w >= MIN_RULE:
                    y = (max(ys) + min(ys)) / 2
                    rules.append(Rule(min(xs), y, max(xs), y))
                    continue
                if w <= MAX_THICK and h >= MIN_RULE:
                    x = (max(xs) + min(xs)) / 2
                    rules.append(Rule(x, min(ys), x, max(ys)))
                    continue
        for x0, y0, x1, y1 in edges:
            if abs(y1 - y0) <= 0.5 and abs(x1 - x0) >= MIN_RULE:
                y = (y0 + y1) / 2
                rules.append(Rule(min(x0, x1), y, max(x0, x1), y))
            elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) >= MIN_RULE:
                x = (x0 + x1) / 2
                rules.append(Rule(x, min(y0, y1), x, max(y0, y1)))
    return rules


def read_layout(page: pdfium.PdfPage, number: int) -> PageLayout:
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    if page.get_rotation() % 180 == 90:
        width, height = height, width
    tp = page.get_textpage()
    try:
        chars = page_chars(page, tp)
    finally:
        tp.close()
    # Text placed outside the visible page (left over by the producing program) is not printed.
    chars = [c for c in chars if -1 <= (c.x0 + c.x1) / 2 <= width + 1 and -1 <= (c.top + c.bottom) / 2 <= height + 1]
    return PageLayout(number, width, height, chars, page_rules(page))


# ------------------------------------------------------------------ lines


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted cluster centres of 1-D values (single linkage with ``tol``)."""
    if not values:
        return []
    values = sorted(values)
    groups = [[values[0]]]
    for v in values[1:]:
        if v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _nearest(centres: list[float], v: float) -> int:
    """Index of the sorted ``centres`` nearest to ``v`` (the first of two equally near)."""
    k = bisect_left(centres, v)
    if k == 0:
        return 0
    if k == len(centres) or abs(centres[k - 1] - v) <= abs(centres[k] - v):
        return k - 1
    return k


def _merge_collinear(rules: list[Rule]) -> list[Rule]:
    """Join rules on the same grid line whose pieces touch or overlap."""
    hs = [r for r in rules if r.horizontal]
    vs = [r for r in rules if not r.horizontal]
    out: list[Rule] = []
    for group, horizontal in ((hs, True), (vs, False)):
        key = (lambda r: r.y0) if horizontal else (lambda r: r.x0)
        centres = _cluster([key(r) for r in group], SNAP)
        buckets: dict[int, list[Rule]] = {}
        for r in group:
            k = _nearest(centres, key(r))
            buckets.setdefault(k, []).append(r)
        for k, items in buckets.items():
            c = centres[k]
            spans = sorted(((r.x0, r.x1) if horizontal else (r.y0, r.y1)) for r in items)
            cur0, cur1 = spans[0]
            for s0, s1 in spans[1:]:
                if s0 <= cur1 + JOIN:
                    cur1 = max(cur1, s1)
                else:
                    out.append(Rule(cur0, c, cur1, c) if horizontal else Rule(c, cur0, c, cur1))
                    cur0, cur1 = s0, s1
            out.append(Rule(cur0, c, cur1, c) if horizontal else Rule(c, cur0, c, cur1))
    return out


def _components(rules: list[Rule]) -> list[list[Rule]]:
    """Groups of rules connected by intersections (one group = one table)."""
    hs = [r for r in rules if r.horizontal]
    vs = [r for r in rules if not r.horizontal]
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.x0 - TOUCH <= v.x0 <= h.x1 + TOUCH and v.y0 - TOUCH <= h.y0 <= v.y1 + TOUCH:
                a, b = find(i), find(len(hs) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Rule]] = {}
    allr = hs + vs
    for i, r in enumerate(allr):
        groups.setdefault(find(i), []).append(r)
    return list(groups.values())


def _spans_at(rules: list[Rule], lines: list[float], horizontal: bool) -> list[list[tuple[float, float]]]:
    """For each grid line position, the spans of the rules lying on it."""
    out: list[list[tuple[float, float]]] = [[] for _ in lines]
    for r in rules:
        if r.horizontal != horizontal:
            continue
        pos, s0, s1 = (r.y0, r.x0, r.x1) if horizontal else (r.x0, r.y0, r.y1)
        for k, at in enumerate(lines):
            if abs(pos - at) <= SNAP + 0.5:
                out[k].append((s0, s1))
    return out


def _covers(spans: list[tuple[float, float]], lo: float, hi: float) -> bool:
    """True when the rule spans on a grid line cover most of [lo, hi]."""
    got = 0.0
    for s0, s1 in spans:
        if s1 > lo and s0 < hi:
            got += min(hi, s1) - max(lo, s0)
    return got >= (hi - lo) * 0.6


def find_grids(layout: PageLayout) -> list[Grid]:
    """Every ruled table on the page as a grid of cells (merged cells resolved)."""
    rules = _merge_collinear(layout.rules)
    grids: list[Grid] = []
    for comp in _components(rules):
        hs = [r for r in comp if r.horizontal]
        vs = [r for r in comp if not r.horizontal]
        if len(hs) < 2 or not vs:
            continue
        # Tables drawn without outer verticals: the horizontal rules' ends are the edges.
        x_lo, x_hi = min(r.x0 for r in hs), max(r.x1 for r in hs)
        y_lo, y_hi = min(r.y0 for r in hs), max(r.y0 for r in hs)
        xs = _snap_lines([r.x0 for r in vs] + [x_lo, x_hi])
        ys = _snap_lines([r.y0 for r in hs] + [min(r.y0 for r in vs), max(r.y1 for r in vs)])
        xs = [x for x in xs if x_lo - SNAP <= x <= x_hi + SNAP]
        ys = [y for y in ys if y_lo - SNAP <= y <= max(y_hi, max(r.y1 for r in vs)) + SNAP]
        if len(xs) < 2 or len(ys) < 2:
            continue
        edge_rules = comp + [
            Rule(x_lo, y_lo, x_lo, ys[-1]),
            Rule(x_hi, y_lo, x_hi, ys[-1]),
            Rule(xs[0], ys[0], xs[-1], ys[0]),
            Rule(xs[0], ys[-1], xs[-1], ys[-1]),
        ]
        grid = _build_grid(xs, ys, edge_rules, layout.chars)
        if grid is not None and _looks_like_table(grid):
            grids.append(grid)
        elif grid is not None and _looks_like_row(grid):
            grid.lone = True
            grids.append(grid)
    grids.sort(key=lambda g: (g.bbox[1], g.bbox[0]))
    return grids


def _looks_like_table(grid: Grid) -> bool:
    """Boxes around a paragraph and chart axes are rules too; a table has cells with text."""
    if len(grid.rows) < 2 or len(grid.rows[0]) < 2:
        return False
    filled = sum(1 for row in grid.rows for c in row if c.text)
    return filled >= 2


def _looks_like_row(grid: Grid) -> bool:
    """One ruled row of at least two cells with text, one of them a number."""
    if len(grid.rows) != 1 or len(grid.rows[0]) < 2:
        return False
    filled = [c.text for c in grid.rows[0] if c.text and not c.covered]
    return len(filled) >= 2 and any(ch.isdigit() for t in filled for ch in t)


def _snap_lines(values: list[float]) -> list[float]:
    centres = _cluster(values, SNAP)
    out: list[float] = []
    for c in centres:
        if out and c - out[-1] < MIN_CELL:
            continue
        out.append(c)
    return out


def _build_grid(xs: list[float], ys: list[float], rules: list[Rule], chars: list[Char]) -> Grid | None:
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr < 1 or nc < 1:
        return None
    # Union elementary cells that have no rule between them.
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vspans = _spans_at(rules, xs, False)
    hspans = _spans_at(rules, ys, True)
    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covers(vspans[c + 1], ys[r], ys[r + 1]):
                a, b = find(r * nc + c), find(r * nc + c + 1)
                if a != b:
                    parent[b] = a
            if r + 1 < nr and not _covers(hspans[r + 1], xs[c], xs[c + 1]):
                a, b = find(r * nc + c), find((r + 1) * nc + c)
                if a != b:
                    parent[b] = a
    # Region extent per root (cells visited in row-major order: the first row seen is the top).
    roots = [find(k) for k in range(nr * nc)]
    extent: dict[int, list[int]] = {}
    for k, root in enumerate(roots):
        r, c = divmod(k, nc)
        e = extent.get(root)
        if e is None:
            extent[root] = [r, c, r, c]
            continue
        if c < e[1]:
            e[1] = c
        e[2] = r
        if c > e[3]:
            e[3] = c
    # Characters go to the elementary cell holding their centre.
    x0, y0, x1, y1 = xs[0], ys[0], xs[-1], ys[-1]
    inside: list[Char] = []
    bins: dict[int, list[Char]] = {}
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        if not (x0 <= cx <= x1 and y0 <= cy <= y1):
            continue
        c = min(max(bisect_right(xs, cx) - 1, 0), nc - 1)
        r = min(max(bisect_right(ys, cy) - 1, 0), nr - 1)
        inside.append(ch)
        root = roots[r * nc + c]
        got = bins.get(root)
        if got is None:
            bins[root] = [ch]
        else:
            got.append(ch)
    rxs, rys = [round(x, 1) for x in xs], [round(y, 1) for y in ys]
    anchor: dict[int, int] = {}  # root -> the position holding the merged cell's text
    bbox_of: dict[int, tuple[float, float, float, float]] = {}
    for root, (r0, c0, r1, c1) in extent.items():
        anchor[root] = r0 * nc + c0
        bbox_of[root] = (rxs[c0], rys[r0], rxs[c1 + 1], rys[r1 + 1])
    rows: list[list[GridCell]] = []
    for r in range(nr):
        row: list[GridCell] = []
        for k in range(r * nc, (r + 1) * nc):
            root = roots[k]
            if k == anchor[root]:
                got = bins.get(root)
                row.append(GridCell(cell_text(got) if got else "", bbox_of[root]))
            else:
                row.append(GridCell("", bbox_of[root], covered=True))
        rows.append(row)
    return Grid((rxs[0], rys[0], rxs[-1], rys[-1]), xs, ys, rows, inside)


# ------------------------------------------------------------------ text


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F


# A cell whose characters' centres lie within this height of one another is one printed line
# whatever their size (group_lines' smallest tolerance is 1.5 pt; kept below it so the running
# centre's rounding cannot matter): its text is read without grouping lines.
ONE_LINE_SPREAD = 1.4


def group_lines(chars: list[Char]) -> list[Line]:
    """Group characters into printed lines (top to bottom, left to right)."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda ch: ((ch.top + ch.bottom) / 2, ch.x0))
    lines: list[list[Char]] = []
    centres: list[float] = []
    for ch in ordered:
        placed = False
        cy = (ch.top + ch.bottom) / 2
        # Compare with the last few lines only: characters come sorted by centre.
        for k in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            tol = max(min(ch.size, lines[k][0].size) * 0.45, 1.5)
            if abs(centres[k] - cy) <= tol:
                lines[k].append(ch)
                n = len(lines[k])
                centres[k] += (cy - centres[k]) / n
                placed = True
                break
        if not placed:
            lines.append([ch])
            centres.append(cy)
    out = []
    for chs in lines:
        chs.sort(key=lambda ch: ch.x0)
        out.append(_make_line(chs))
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return out


def _line_text(chs: list[Char]) -> str:
    """The text of one printed line, ``chs`` left to right: a wide gap is a space."""
    parts: list[str] = []
    prev: Char | None = None
    for ch in chs:
        if prev is not None and ch.text != " " and prev.text != " ":
            gap = ch.x0 - prev.x1
            if gap > max(prev.size, ch.size) * 0.9:
                parts.append(" ")
        parts.append(ch.text)
        prev = ch
    return " ".join("".join(parts).split())


def _make_line(chs: list[Char]) -> Line:
    text = _line_text(chs)
    ink = [ch for ch in chs if not ch.text.isspace()] or chs
    sizes = sorted(ch.size for ch in ink)
    return Line(
        chs,
        text,
        min(c.x0 for c in ink),
        min(c.top for c in ink),
        max(c.x1 for c in ink),
        max(c.bottom for c in ink),
        sizes[len(sizes) // 2],
    )


def cell_text(chars: list[Char]) -> str:
    """Text of one cell: its lines joined (no separator between CJK, else a space)."""
    if not chars:
        return ""
    centres = [(ch.top + ch.bottom) / 2 for ch in chars]
    if max(centres) - min(centres) < ONE_LINE_SPREAD:  # one line, as group_lines would find
        ordered = sorted(zip(chars, centres), key=lambda pair: (pair[0].x0, pair[1]))
        return _line_text([ch for ch, _ in ordered]).strip()
    lines = [ln.text for ln in group_lines(chars) if ln.text]
    out = ""
    for t in lines:
        if not out:
            out = t
        elif _is_cjk(out[-1]) or _is_cjk(t[0]) or out[-1] in "-（(、，,." or t[0] in ".)）":
            out += t
        else:
            out += " " + t
    return out.strip()


def isclose(a: float, b: float, tol: float = SNAP) -> bool:
    return math.isclose(a, b, abs_tol=tol)

"""Text hygiene reviewers check: doubled punctuation, a doubled character,
list numbering out of order.

Precision first. The PDF text layer repeats characters on its own: fake bold
draws every glyph two or three times (``部部部门门门``), and a word broken over a
line or page may repeat its last character on the next line. So a doubling is
only reported when both characters sit on one printed line, the paragraph is
not drawn in fake bold, and the doubling cannot be ordinary Chinese:

- punctuation: ``。。``, ``，，``, ``、、``, ``；；``, ``：：`` (exactly two);
- a character: only where a word ends in a doubled character right before a
  number or a punctuation mark (``公务接待费费6.51万元``, ``支出出。``), or inside a
  known term (``基本支支出``). Inside running text ``在职职工``, ``专项项目``, ``全市市场``
  are two words that meet; reduplication (常常, 人人, 看看, 等等, 年年) and numerals
  are words.
"""

from __future__ import annotations

import unicodedata
from msgspec import Struct
from functools import lru_cache


from budgetlint.lazy_regex import lazy_compile
from budgetlint.model import Paragraph
from budgetlint.resources import load_data_file, vocab_dir

PUNCT_PAIRS = ("。。", "，，", "、、", "；；", "：：", ",,", ";;")
FAKE_BOLD_SHARE = 0.15  # share of characters in same-character runs above which a paragraph is a render artefact
_HAN = lazy_compile(r"[\u4e00-\u9fff]")
_NUMERALS = set("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾")


class Doubling(Struct):
    """Text printed twice in a row (a typing slip)."""

    offset: int  # in Paragraph.text
    found: str  # the doubled text as printed
    context: str  # a few characters either side
    anchor: str  # the doubling with the words before it, as in Paragraph.text (locates the finding)


@lru_cache(maxsize=1)
def _words() -> dict:
    path = vocab_dir() / "text_hygiene.yaml"
    return load_data_file(path) or {}


def reduplications() -> set[str]:
    return set(_words().get("reduplications", []))


def _line_break_between(paragraph: Paragraph, a: int, b: int) -> bool:
    """Whether a source line (or page) starts after offset ``a`` and at or before ``b``."""
    return any(a < start <= b for start, _ in paragraph.spans)


def _fake_bold(text: str) -> bool:
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return False
    in_runs = sum(
        1 for i, c in enumerate(chars) if (i > 0 and chars[i - 1] == c) or (i + 1 < len(chars) and chars[i + 1] == c)
    )
    return in_runs / len(chars) > FAKE_BOLD_SHARE


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 12) : end + 12].replace("\n", "")


def _anchor(text: str, i: int) -> str:
    """The doubling at ``i`` with up to 8 characters before it, within its sentence."""
    return text[max(0, i - 8, text.rfind("。", 0, i) + 1) : i + 2]


def _exact_run(text: str, i: int, ch: str) -> bool:
    """text[i] and text[i+1] are ``ch`` and the run is exactly two long."""
    return (i == 0 or text[i - 1] != ch) and (i + 2 >= len(text) or text[i + 2] != ch)


def doubled_punctuation(paragraph: Paragraph) -> Doubling | None:
    text = paragraph.text
    if _fake_bold(text):
        return None
    for pair in PUNCT_PAIRS:
        start = text.find(pair)
        while start >= 0:
            if _exact_run(text, start, pair[0]) and not _line_break_between(paragraph, start, start + 1):
                return Doubling(start, pair, _context(text, start, start + 2), _anchor(text, start))
            start = text.find(pair, start + 1)
    return None


def _is_han(c: str) -> bool:
    return bool(_HAN.match(c))


def doubled_character(paragraph: Paragraph, terms: list[str]) -> Doubling | None:
    """The first doubled character that cannot be ordinary Chinese (module docstring)."""
    text = paragraph.text
    if _fake_bold(text):
        return None
    words = reduplications()
    for i in range(len(text) - 1):
        ch = text[i]
        if text[i + 1] != ch or not _is_han(ch) or ch in _NUMERALS or not _exact_run(text, i, ch):
            continue
        if _line_break_between(paragraph, i, i + 1) or ch + ch in words:
            continue
        before = text[i - 1] if i > 0 else ""
        after = _next_visible(text, i + 2)
        # A word of two or more characters ends in the doubling right before a number or a
        # mark (接待费费6.51); after a single character (，的的) it may be a reduplication.
        if _is_han(before) and not _is_han(after) and not _reduplicated_name(text, i) and not _quoted_name(text, i):
            return Doubling(i, ch + ch, _context(text, i, i + 2), _anchor(text, i))
        if _inside_term(text, i, terms):
            return Doubling(i, ch + ch, _context(text, i, i + 2), _anchor(text, i))
    return None


# Common surnames: a person named with a reduplicated given name (联系人：李婷婷，) is no doubling.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖"
    "贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷"
    "詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农"
    "司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝"
)


def _reduplicated_name(text: str, i: int) -> bool:
    """``text[i:i+2]`` ends a three-character name standing alone: a surname and a reduplicated
    given name (李婷婷, 王晶晶) after a mark, not a word's last character printed twice."""
    return i >= 1 and text[i - 1] in _SURNAMES and (i < 2 or not _is_han(text[i - 2]))


def _quoted_name(text: str, i: int) -> bool:
    """``text[i:i+2]`` ends a short name in quotes (采购“娃哈哈”等品牌): a name as it is written."""
    close = text[i + 2 : i + 3]
    opening = text.rfind("“", max(0, i - 8), i)
    return close in ("”", '"') and opening >= 0 and "”" not in text[opening:i]


def _next_visible(text: str, i: int) -> str:
    while i < len(text) and text[i].isspace():
        i += 1
    return unicodedata.normalize("NFKC", text[i]) if i < len(text) else ""


def _inside_term(text: str, i: int, terms: list[str]) -> bool:
    """``text[i:i+2]`` doubles an inner character of a known term (``基本支支出``)."""
    for term in terms:
        for k in range(1, len(term) - 1):
            if term[k] != text[i]:
                continue
            start = i - k
            if start < 0:
                continue
            if (
                text[start : start + len(term) + 1] == term[: k + 1] + term[k:]
                and term not in text[start : start + len(term) + 1]
            ):
                return True
    return False


# ------------------------------------------------------------ list numbering

_CN = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}
_STYLES = (
    ("part", lazy_compile(r"^第(?P<n>[一二三四五六七八九十]{1,3})部分")),
    ("cn", lazy_compile(r"^(?P<n>[一二三四五六七八九十]{1,3})、")),
    ("cn_paren", lazy_compile(r"^[（(](?P<n>[一二三四五六七八九十]{1,3})[）)]")),
    ("ar_paren", lazy_compile(r"^[（(](?P<n>[0-9]{1,2})[）)]")),
    ("ar", lazy_compile(r"^(?P<n>[0-9]{1,2})(?:[.．、](?![0-9]))")),
)


def cn_number(s: str) -> int | None:
    """一 … 九十九 as an integer."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN.get(tens, None) if tens else 1
        o = _CN.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    return _CN.get(s) if len(s) == 1 else None


def list_marker(text: str) -> tuple[str, int] | None:
    """The numbering style and number a paragraph starts with (``（二）`` → cn_paren, 2)."""
    t = text.lstrip()
    for style, rx in _STYLES:
        m = rx.match(t)
        if m:
            n = cn_number(m.group("n"))
            return (style, n) if n else None
    return None


class NumberingBreak(Struct):
    """A numbered list whose numbers skip or repeat."""

    paragraph: Paragraph
    style: str
    number: int
    previous: int
    previous_text: str
    kind: str  # swapped | duplicate


def numbering_breaks(paragraphs: list[Paragraph]) -> list[NumberingBreak]:
    """Items of a numbered list out of order, where the items around confirm the list.

    Lists nest and restart, a style is reused at two levels ((一) 部门职责 → (一)…(七)
    → (二) 机构设置), and tables carry notes numbered 1, 2 between the paragraphs; so a
    number that merely goes back is no evidence. Reported are only local patterns the
    neighbours confirm, in the sequence of items of one style:
    swapped   a−2, a, a−1, a+1 (一、三、二、四) or a list that opens 2, 1, 3;
    duplicate a−1, a, a, a+1 (一、二、二、三).
    A gap (一、三) is not reported: the text layer may have merged an item into the
    paragraph before it.
    """
    by_style: dict[str, list[tuple[int, Paragraph]]] = {}
    for p in paragraphs:
        marker = list_marker(p.text)
        if marker is not None:
            by_style.setdefault(marker[0], []).append((marker[1], p))
    found: list[NumberingBreak] = []
    for style, items in by_style.items():
        nums = [n for n, _ in items]
        for i in range(1, len(items) - 1):
            prev, cur, nxt = nums[i - 1], nums[i], nums[i + 1]
            before = nums[i - 2] if i >= 2 else None
            kind = None
            if cur == prev - 1 and nxt == prev + 1 and (before == prev - 2 or (prev == 2 and before != 1)):
                kind = "swapped"
            elif cur == prev and nxt == cur + 1 and before == prev - 1:
                kind = "duplicate"
            if kind:
                found.append(NumberingBreak(items[i][1], style, cur, prev, items[i - 1][1].text, kind))
    return found

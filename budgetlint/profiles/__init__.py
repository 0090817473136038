"""Regional table sets ("profiles") as data: rules/profiles/*.yaml.

A profile names the set of tables a region (or the 决算 system) publishes and how
to recognise a document that uses it; a rule may apply to some profiles only
(``applies_to.profile``: 河南's 机构运转经费 = 公用经费, BL420). ``choose_profile(doc)`` picks one for a recognised
Document and says why, in Chinese:

* only profiles of the document's kind (预算 / 决算) compete;
* evidence, strongest first — a region word (洛阳, 上海 …) in the department
  name or the title: 3; in a table title or caption: 2; in the opening
  paragraphs: 1 (the best place counts, once); each table-title word the
  profile lists (机构运转经费, 财务收支预算总表 …) found in a table title or
  caption: 1 (at most 4); a caption pattern (``公开\\d{2}表``, ``预算\\d{2}表``): 2;
* a regional profile with no region word in the department name, title or
  table titles must score at least 3 from table titles alone, else it does not
  compete (a name shared by many regions, 项目绩效目标表, is not evidence enough);
* the highest score wins (ties: the order of ``load_profiles``, by file name);
* nothing scored: the kind's ``default: true`` profile (national for 预算,
  final for 决算), saying so; unknown kind and no evidence: no profile.

The recogniser calls it unless the user forced ``--profile NAME``.
"""

from __future__ import annotations

import re
from msgspec import Struct
from functools import lru_cache


from budgetlint.model import Document
from budgetlint.resources import load_data_file, profiles_dir

_NOISE_RE = re.compile(r"[\s“”\"'‘’「」『』]")
_OPENING_PARAGRAPHS = 10
_MAX_TITLE_POINTS = 4
_TABLE_ONLY_MIN = 3  # points a regional profile needs from table titles when no region word is printed


class Profile(Struct, frozen=True):
    """A region's or table set's profile."""

    name: str
    title: str
    doc_kind: str | None  # budget | final | None (any)
    default: bool = False
    region_words: tuple[str, ...] = ()
    title_words: tuple[str, ...] = ()
    caption_patterns: tuple[re.Pattern[str], ...] = ()
    tables: tuple[str, ...] = ()


PROFILE_KEYS = frozenset({"name", "title", "doc_kind", "default", "detect", "tables"})


class ProfileError(ValueError):
    """A profile file is malformed."""


def _profile(data: dict, source: str) -> Profile:
    if not isinstance(data, dict) or not data.get("name"):
        raise ProfileError(f"{source}: 配置文件须为映射并含 name")
    unknown = sorted(set(data) - PROFILE_KEYS)
    if unknown:  # a key nothing reads would look like a setting that works
        raise ProfileError(f"{source}: 未知的键 {', '.join(unknown)}（可用：{', '.join(sorted(PROFILE_KEYS))}）")
    detect = data.get("detect") or {}
    try:
        return Profile(
            name=str(data["name"]),
            title=str(data.get("title", data["name"])),
            doc_kind=data.get("doc_kind"),
            default=bool(data.get("default", False)),
            region_words=tuple(str(w) for w in detect.get("region_words") or ()),
            title_words=tuple(_NOISE_RE.sub("", str(w)) for w in detect.get("title_words") or ()),
            caption_patterns=tuple(re.compile(p) for p in detect.get("caption_patterns") or ()),
            tables=tuple(data.get("tables") or ()),
        )
    except (re.error, TypeError, AttributeError) as exc:
        raise ProfileError(f"{source}: {exc}") from None


@lru_cache(maxsize=1)
def load_profiles() -> tuple[Profile, ...]:
    """Every profile under rules/profiles/, in file-name order."""
    out = []
    for path in sorted(profiles_dir().glob("*.yaml")):
        out.append(_profile(load_data_file(path), f"rules/profiles/{path.name}"))
    names = [p.name for p in out]
    if len(set(names)) != len(names):
        raise ProfileError("rules/profiles/: 配置名重复")
    return tuple(out)


def profile_names() -> list[str]:
    return [p.name for p in load_profiles()]


def get_profile(name: str) -> Profile | None:
    return next((p for p in load_profiles() if p.name == name), None)


def _score(profile: Profile, doc: Document) -> tuple[int, list[str]]:
    """Points and the evidence (Chinese phrases) for one profile.

    A regional profile (one that lists region words) with no region word in the
    department name, title or table titles needs at least ``_TABLE_ONLY_MIN``
    points from its table titles alone: one shared table name (项目绩效目标表 is
    printed in many regions) must not make a 重庆 document a 河南 one.
    """
    evidence: list[str] = []
    points = 0
    region_points = 0
    places = [
        (3, "部门名称", doc.department or ""),
        (3, "标题", doc.title or ""),
        (2, "表格标题", " ".join(t.title + " " + " ".join(t.caption) for t in doc.tables)),
        (1, "说明开头", " ".join(p.text for p in doc.paragraphs[:_OPENING_PARAGRAPHS])),
    ]
    for weight, place, text in places:
        word = next((w for w in profile.region_words if w in text), None)
        if word:
            points += weight
            region_points = weight
            evidence.append(f"{place}含地区词“{word}”")
            break
    titles = _NOISE_RE.sub("", " ".join(t.title + " " + " ".join(t.caption) for t in doc.tables))
    found = [w for w in profile.title_words if w in titles]
    if found:
        points += min(len(found), _MAX_TITLE_POINTS)
        evidence.append("表名含“" + "”“".join(found) + "”")
    for pattern in profile.caption_patterns:
        m = pattern.search(titles)
        if m:
            points += 2
            evidence.append(f"表号形如“{m.group(0)}”")
            break
    if profile.region_words and region_points < 2 and points - region_points < _TABLE_ONLY_MIN:
        return 0, evidence
    return points, evidence


def _coverage(profile: Profile, doc: Document) -> str:
    if not profile.tables:
        return ""
    kinds = {t.kind for t in doc.tables}
    present = sum(1 for k in profile.tables if k in kinds)
    return f"；预期表格 {len(profile.tables)} 张，已识别 {present} 张"


_KIND_WORDS = {"budget": "部门预算", "final": "部门决算"}


def choose_profile(doc: Document) -> tuple[str | None, str]:
    """The profile that best fits ``doc`` and why (Chinese), or (None, reason)."""
    kind = doc.kind.value if doc.kind else None
    candidates = [p for p in load_profiles() if kind is None or p.doc_kind in (None, kind)]
    scored = [(points, i, p, ev) for i, p in enumerate(candidates) for points, ev in [_score(p, doc)] if points > 0]
    kind_word = _KIND_WORDS.get(kind or "", "文件类型未知")
    if scored:
        points, _, best, evidence = max(scored, key=lambda s: (s[0], -s[1]))
        runner = [s for s in scored if s[2] is not best]
        reason = f"{kind_word}；" + "，".join(evidence) + f"（{points} 分）"
        if runner:
            second = max(runner, key=lambda s: (s[0], -s[1]))
            reason += f"；次选 {second[2].name}（{second[0]} 分）"
        return best.name, reason + _coverage(best, doc)
    default = next((p for p in candidates if p.default and p.doc_kind == kind), None)
    if default is not None:
        return (
            default.name,
            f"{kind_word}；未发现足以确定地区表套的特征（地区词、表名、表号），按默认配置“{default.title}”"
            + _coverage(default, doc),
        )
    return None, f"{kind_word}；未发现任何配置的地区或表名特征"


__all__ = ["Profile", "ProfileError", "choose_profile", "get_profile", "load_profiles", "profile_names"]

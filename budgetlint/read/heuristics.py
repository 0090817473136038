"""Text heuristics the readers share: sentence ends, page numbers, notes, captions, table titles.

Every format prints the same conventions of a budget document (``- 8 -`` page numbers,
``注：`` notes, ``单位：万元`` captions, titles ending in 表), so the readers (text,
layout, pdf, docx, xlsx) take them from here: a fix made once holds for every format.

Where a reader needs its own variant, the variant has its own name here and the comment
says why it differs. The main reason is the kind of line a reader sees: the text and
layout exports are hard-wrapped, so any printed line may start or end with any word
(``本表`` or ``-5`` at a line start says nothing), while the PDF, Word and Excel readers
see whole lines, cells or paragraphs.

Still each reader's own, as they answer different questions: the item-heading patterns
(一、 / （二） / 1.: a paragraph break in text and PDF, the end of a vertical table in layout
text) and the title tests of the text and layout readers (by the words of a table name above a
tab-separated grid; by shape in the title's place above a 公开NN表 marker).
"""

from __future__ import annotations

import unicodedata

from budgetlint.lazy_regex import lazy_compile

# ------------------------------------------------------------ sentence ends

# The last character of a sentence.
SENTENCE_END = "。！？；!?;"
# A printed line ending in one of these cannot wrap on into the next line: it ends a sentence
# or a lead-in ("情况如下：").
CLAUSE_END = SENTENCE_END + "：:"
# A line ending in one of these stopped in mid-sentence: the next line continues it.
RUN_ON_END = "，,、"


def display_width(s: str) -> int:
    """Display width: CJK and full-width characters count 2."""
    # Ambiguous-width characters (“ ” ‘ ’ …) print full-width in Chinese text.
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in s)


# ------------------------------------------------------------ page numbers

# A line that is only a page number: "3", "- 3 -", "第 3 页", "第3页 共20页", "3/20". The PDF
# reader asks this of lines at a page's top or bottom edge only; the text reader of lines
# between the rows of a tab-separated table. Both see the line whole.
PAGE_NUMBER_RE = lazy_compile(
    r"^[\s\-—－–·]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4}|\s*[/，,]?\s*共\s*\d+\s*页)?[\s\-—－–·]*$"
)
# The layout export's page number must be framed ("- 8 -") or worded ("第 8 页"): inside its
# hard-wrapped tables a line holding a bare number ("16", "-5") is a value or a broken amount.
FRAMED_PAGE_NUMBER_RE = lazy_compile(r"^[-－—–]\s*\d+\s*[-－—–]$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$")
# Between the layout export's paragraphs (never inside a table) a line holding only a small
# integer is the bare page number some exports print.
BARE_PAGE_NUMBER_RE = lazy_compile(r"\d{1,3}")

# ------------------------------------------------------------------ notes

# A note under a table, in a reader that sees whole lines or cells: "注：", "（注1：", "备注：",
# "说明二：", "本表…", and the remark that a table is empty ("空表", "此表为空表").
NOTE_RE = lazy_compile(r"^[（(]?\s*(?:注|备注|说明)\s*[0-9一二三]*\s*[:：]|^[（(]?注[:：]|^本表|空表")
# The PDF reader also takes a 注 with no colon ("注 1. …"), as PDF text layers print it; it
# asks only of the lines right under a grid.
PDF_NOTE_RE = lazy_compile(NOTE_RE.pattern + r"|^[（(]?注")
# In a hard-wrapped export a note is a label and a colon at a line start ("注：", "说明1："):
# a wrapped narrative line may start with 本表 or 注 and is no note.
WRAPPED_NOTE_RE = lazy_compile(r"^(?:注|备注|说明)\s*\d?\s*[:：]")

# --------------------------------------------------------------- captions

# The unit line over a table: "单位：万元", "金额单位：元".
UNIT_LABEL = r"^(?:金额)?单\s*位\s*[:：]"
# Whose table it is: "部门名称：…", "编报单位：…".
OWNER_LABEL = r"^(?:部门|单位|编制单位|编报单位|预算单位|主管部门|单位名称|部门名称|部门（单位）名称)\s*[:：]"
# The table's number printed apart from its title: "预算 03 表", "公开表三", "表 3", "附表 1-2", "续表".
TABLE_NUMBER = (
    r"^(?:附表|附件|公开|预算|决算)\s*[0-9０-９一二三四五六七八九十]+(?:\s*-\s*\d+)?\s*表?$"
    r"|^公开表[一二三四五六七八九十0-9]+$|^续表$|^表\s*[0-9一二三四五六七八九十]+$"
)
# A caption line that is not the table's title (asked of a line with its spaces removed).
CAPTION_RE = lazy_compile(f"{UNIT_LABEL}|{OWNER_LABEL}|{TABLE_NUMBER}")
# A PDF also prints a table's number as a bare numeral line ("3", "三", "表3") over the title;
# the PDF reader asks this of lines with their spaces kept.
PDF_NOT_TITLE_RE = lazy_compile(
    f"{UNIT_LABEL}|{OWNER_LABEL}"
    r"|^(?:附表|附件|公开|预算|决算)?\s*(?:表)?\s*[0-9０-９一二三四五六七八九十]+\s*(?:-\s*\d+)?\s*表?$"
    r"|^公开表[一二三四五六七八九十0-9]+$|^续表$"
)

# ------------------------------------------------------------------ titles

# A line or cell that names a table: it ends in 表, or in 表 and a remark in brackets
# ("…决算表（2024年度）").
TABLE_NAME_RE = lazy_compile(r"表$|表[（(].*[)）]$")
# Longest line (characters, spaces removed) still read as a title or caption above a table
# in a text export or a Word file; a longer one is narrative.
CAPTION_MAX_CHARS = 60

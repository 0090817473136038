"""The wording the claim extractor recognises: number shapes, role markers,
claim phrases. Subjects (what a figure is about) are data in
rules/vocab/subjects.yaml; these are the grammar around them, matched on folded
text (full-width forms folded, spaces and markdown dropped; see text.py).
"""

from __future__ import annotations

from budgetlint.lazy_regex import lazy_compile

NUM = r"(?<![0-9.])(?P<int>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
AMOUNT_RE = lazy_compile(NUM + r"(?P<unit>万元|亿元|元)(?!以上|以下|\(含\)|\(不含\))")
PCT_RE = lazy_compile(NUM + r"%")
COUNT_RE = lazy_compile(NUM + r"(?P<measure>个|辆|台\(套\)|台|套|人次)")
# "一般公共服务支出（类）"; 上海 prints the code inside the bracket: "公共安全支出（204类）司法（06款）".
FUNC_RE = lazy_compile(r"(?P<name>[一-鿿]+(?:\(室\)[一-鿿]*)?)\((?:[0-9]{2,7})?(?P<level>类|款|项)\)(?:支出)?")
# 西安: the item's joined code after its name, "行政运行（2010801）", "一般公共服务支出（201）"
# (功能分类 codes start with 2; 经济分类 301/501 … do not).
FUNC_CODE_RE = lazy_compile(r"(?P<name>[一-鿿]+)\((?P<code>2[0-9]{2}(?:[0-9]{2}){0,2})\)(?:支出)?")
# 中央: the code before the name, "主要是2014099其他信访事务支出，2026年预算数为…" (款 or 项 codes only:
# a bare 3-digit number before a word is too often something else).
# 福建: "（一）2010301-行政运行3452.35万元".
CODE_FUNC_RE = lazy_compile(
    r"(?<![0-9.,])(?P<code>2[0-9]{4}(?:[0-9]{2})?)-?(?![万元年人个件次辆台户名余多])"
    r"(?P<name>[一-鿿]{2,}(?:\(室\)[一-鿿]*)?)(?=[,;。(、0-9]|$)"
)
_LEVEL_OF_LENGTH = {3: "类", 5: "款", 7: "项"}
# A budget's figure of the year before ("2025年当年预算执行数为 1690.69 万元"): no table of the set prints it.
# …and this year's figure right after it ("，2026年预算安排 1672.67 万元"): the item's own amount.
ARRANGED_AFTER_PRIOR = lazy_compile(r"^[,;]?(?:(?:19|20)[0-9]{2}年度?|本年度?|当年)预算安排(?:为|是)?$")
PRIOR_EXECUTION = lazy_compile(r"(?:上年|(?:19|20)[0-9]{2}年度?)(?:当年)?(?:预算)?执行数(?:为|是)?$")
# A rate measured from that execution figure, named again before the rate
# ("…执行数为 A 万元，2026年预算安排 B 万元，比2025年预算执行数增加 Y%").
RATE_VERSUS_EXECUTION = lazy_compile(
    r"(?:比|较|与)(?:上年度?|去年|(?:19|20)[0-9]{2}年度?)(?:当年)?(?:预算)?执行数(?:相比)?,?"
    r"(?:增长|增加|下降|减少|上升|降低)了?$"
)

# The base a change is measured from, printed in the comparison ("比2025年年初预算数30385.62万元增加"):
# a figure of the year before.
PRIOR_BASE = lazy_compile(
    r"(?:比|较|与)(?:上年度?|去年|(?:19|20)[0-9]{2}年度?)[一-鿿]{0,12}?(?:年初预算|预算|执行|决算)数?(?:为)?$"
)
CHANGE_UP = ("增加", "增长", "上升", "提高", "增幅")
CHANGE_DOWN = ("减少", "下降", "降低", "减", "降幅", "节约", "节省")
# A budget adjustment in the year ("年中追加 5.00 万元", "年中调减预算 20.00 万元"): neither a
# figure of its subject nor a change from last year.
ADJUSTMENT_END = lazy_compile(r"(?:追加|调增|调减|追减|核减|追回)了?(?:预算|资金|经费)?(?:数)?(?:为)?$")
# "比上年预算少 20.00 万元", "多 5 万元": a bare 少/多 right before the amount is its change
# (not 减少, 至少, 最多, 较少, 许多).
MORE_LESS_END = lazy_compile(r"(?:(?<![减至最较])少|(?<![最较许])多)了?(?:约)?$")
FLAT = lazy_compile(r"(?<!基本)(?:保持一致|持平|无变化|没有变化)")  # 基本持平 = roughly the same: no claim
SHARE_MARK = "占"
EXEC_RATE = lazy_compile(r"(?:完成(?:年初|全年|调整后?的?)?预算(?:数)?的|执行率(?:为|是)?)$")
NEAR = 8  # a direction word counts when it stands within this many characters of the number
NEAR_SHARE = 16  # 占政府采购支出总额的 …
# "三公经费支出预算 593.46 万元，支出决算 587.55 万元": in a 决算, a figure the words call 预算.
BUDGET_WORD = lazy_compile(r"预算(?:数)?(?:为|是)?$")
BUDGET_MARK = lazy_compile(
    r"(?:(?:年初预算|全年预算|调整后的?预算|预算资金总额|预算合计)(?:数)?(?:\((?:调整后|调整数)\))?(?:为|是)?(?:资金总额)?"
    r"|预算(?:数)?(?:调整后)?为)$"
)
# A change amount or rate follows its direction word directly ("增加 1964.3 万元，增长
# 582.65%"); "统一压减 10%" is a reason, not the change. "增加（减少）" is template residue.
# "基本支出增加人员经费 1408.29 万元": the amount is the change of the noun right after the
# direction word (a short phrase, no punctuation or number between), not a stated amount.
CHANGE_THEN_NOUN = lazy_compile(r"(?:增加|减少)了?[^，,。；;：:、（()）0-9%]{1,8}$")
CHANGE_END = lazy_compile(
    r"(?:增加|减少|增长|下降|上升|降低|节约|节省|(?<!压)减|增|(?:增|降|减)幅(?:为|是)?)了?(?:约)?(?:\((?:增加|减少|增长|下降)\))?$"
)
# Between a subject and its amount: a few words, no clause break ("三公经费支出预算为",
# "支出决算"), or a clause break followed only by a budget/actual marker ("，全年预算为").
SUBJECT_TO_AMOUNT_MAX = 12
ACTUAL_MARK = lazy_compile(r"(?:决算数|支出决算|决算|实际执行数)(?:为|是)?$")
HEAD_MARK = lazy_compile(r"其中|主要用于|主要包括")
COMPARE = lazy_compile(
    r"决算数(?:与\S{0,6}?预算数)?(大于|小于|等于|高于|低于)(?:\S{0,4}?预算数)?|(无差异|存在差异|不存在差异|没有差异)"
)
# The same comparison where no completion rate is stated: the sentence must name the
# budget it compares with ("决算数大于年初预算数", "决算数比预算数减少"), so a change
# on the previous year ("决算数比上年增加") is not read as one. 调整预算 is another figure;
# 基本持平/基本一致 is no exact claim.
COMPARE_BUDGET = lazy_compile(
    r"决算数?(?:(?:与|比|较|同)(?:年初|全年)?预算数?(?:相比|相较)?,?"
    r"(?P<word>大于|小于|等于|高于|低于|增加|减少|持平|一致|相等|相同|无差异|没有差异|不存在差异|存在差异)"
    r"|(?P<word2>大于|小于|等于|高于|低于)(?:年初|全年)?预算数?)"
)
ADMISSION = lazy_compile(r"误计|误将|误列|错计|错列|错报|误报|统计成|系统统计|录入错误|填报错误|笔误|实际为|应为")
# 实际为/应为 name a corrected figure only beside a word of error (“……误计入“三公”经费……。
# ……公务用车运行维护费实际为 1.50 万元”); alone they are ordinary narrative (“年初预算为
# 45.00 万元，实际为 43.20 万元”), which states no error.
ADMISSION_ALONE_NOT = frozenset({"实际为", "应为"})
# A change explained by a change of structure (funds or units brought into the budget), not by a slip.
STRUCTURAL = lazy_compile(
    r"列入|纳入|划入|划转|转入|并入|合并|转隶|机构改革|职能调整|新成立|新增(?:[一-鿿]{0,6})(?:单位|机构)"
)
PROJECT_COUNT = lazy_compile(r"共(?P<n>[0-9]+)个项目")
GRADE = lazy_compile(r"(?P<n>[0-9]+)个(?:项目)?(?:自评)?(?:等级)?(?:为)?(?P<grade>优|良|中|差)")
GRADE_TOTAL = lazy_compile(r"(?:实际自评|需绩效自评项目|自评项目|绩效自评项目)(?P<n>[0-9]+)个")
VEHICLES = lazy_compile(r"共有车辆(?P<n>[0-9]+)辆")
VEHICLE_PART = lazy_compile(r"(?P<n>[0-9]+)辆")
# Words of a change in the fleet, not a kind of vehicle held: the 其中 list of vehicles has ended.
VEHICLE_CHANGE = lazy_compile(r"报废|处置|拍卖|新增|购置|更新|增加|减少|[0-9]年|比|较")
COMPARE_YEAR = lazy_compile(r"(?:与|比|较)(?P<year>(?:19|20)[0-9]{2})年")
# A clause opened by last year: "，上年度收、支总计均为 357.87 万元" (not 上年结转/上年结余, this
# year's money brought forward, nor a comparison 上年相比).
LAST_YEAR_CLAUSE = lazy_compile(r"(?:^|[,;:。])(?P<word>上年度?|去年)(?!结转|结余|末|年末|同期相比|相比)")
THIS_YEAR_CLAUSE = lazy_compile(r"(?:^|[,;:。])(?:本年度?|今年)(?!结转|结余|末|年末)")
PERIOD_END = lazy_compile(r"(?P<year>(?:19|20)[0-9]{2})年(?:度)?(?:期末|末|年末)")
# After a compared year: that year's own budget ("比 2023 年年初预算减少", "与 2023 年度调整预算相比").
VERSUS_BUDGET_YEAR = lazy_compile(r"^度?(?:年初|全年|调整后?的?)?预算")
# Before a year end that is a plan, not a stock-taking ("计划于 2024 年末完成全部采购").
TARGET_BEFORE = lazy_compile(r"于$|到$|前$|计划|预计|力争|争取|确保")
AS_OF = lazy_compile(r"截(?:至|止)(?P<year>(?:19|20)[0-9]{2})年(?P<month>[0-9]{1,2})月(?:(?P<day>[0-9]{1,2})日)?")
HEADLINE = lazy_compile(
    r"(?P<year>(?:19|20)[0-9]{2})年(?:度)?(?:部门)?(?:收入|支出|收、支|收支|一般公共预算|政府性基金|三公|机构运转|机关运行|政府采购)"
)
SENTENCE_END = "。"
# Between a current amount and the printed base of its change: "，比 2025 年年初预算数".
STATED_BASE = lazy_compile(
    r"^,?(?:比|较|与)(?:上年度?|去年|(?:19|20)[0-9]{2}年度?)(?:[一-鿿\"“”]{0,16}?)(?:年初预算|预算|决算|执行)数?(?:为)?$"
)
COMPARED_WITH = lazy_compile(r"比|较|与|同")  # an amount after these words in its clause is a comparison base
# Words between a stated amount and its change that name nothing new, so the
# change is about that amount: ",预算数比 2023 年增加", "。与上年相比减少了".
CONNECTIVE = lazy_compile(
    r"^[,;:。]?(?:其中[:,]?)?(?:预算数|决算数|预算|支出)?(?:与|比|较)?"
    r"(?:上年度?数?|去年|(?:19|20)[0-9]{2}年度?)?(?:(?:年初|全年)?预算(?:执行)?数?|决算数?|执行数|同期)?"
    r"(?:相比)?,?(?:收、?支(?:预算)?总计)?各?(?:增加|减少|增长|下降|上升|降低|减)了?$"
)
RATE_AFTER_CHANGE = lazy_compile(
    r"^[,;]?(?:同比)?(?:增长|下降|增加|减少|上升|降低|减|(?:增|降|减)幅(?:为|是)?)了?(?:约)?(?:\((?:增长|下降|增加|减少)\))?$"
)
# "1743.43 万元，占 75.75%"; "0.00 万元，完成全年预算的 0.00%，占 0.00%"
PART_TO_SHARE = lazy_compile(r"^[,;:]?(?:完成(?:年初|全年)?预算(?:数)?的[0-9.]+%[,;]?)?(?:分别)?$")
SUBJECT_TO_CHANGE = lazy_compile(
    r"^(?:支出|收入)?(?:年初|全年)?(?:预算|决算)?(?:数)?,?(?:(?:与|比|较)(?:上年度?|去年|(?:19|20)[0-9]{2}年度?)?"
    r"(?:预算数?|决算数?|执行数|同期)?(?:相比)?,?)?各?(?:增加|减少|增长|下降|上升|降低|减)了?$"
)
BARE_SIDE = lazy_compile(
    r"(收入|支出)(?:(?:比|较|与)(?:上年度?|去年|(?:19|20)[0-9]{2}年度?)(?:相比)?,?)?各?(?:增加|减少|增长|下降)$"
)
SIDE = {"收入": "income_total", "支出": "expense_total"}


# A vocabulary term names the subject only where a phrase starts: after
# punctuation, a number, a year, the department's name or a linking word. Inside
# a longer name it does not ("…安检服务项目支出", "财政拨款基本支出", "包含公用经费").
# (Nor after 的: "上年结转结余的政府性基金预算收入" is not this year's 政府性基金收入; the
# qualified phrases that do name a subject are terms of their own, "财政拨款的机关运行经费".)
TERM_AFTER = set(",;:。、()[]%.") | set("0123456789") | set("年度中是对占为与比较即有按其门局心室厅位院会委府部排括")
# A heading naming a column of the expense tables before a list of items ("（2）公用经费：
# ①行政运行（2013201）124.00 万元…", "②公用经费：商品和服务支出（302）126万元", 西安): the items are
# that column's amounts, not the rows' totals.
COLUMN_HEADING = lazy_compile(r"(人员经费|公用经费|专项业务经费|项目支出|基本支出)\s*[:：]")


# The kinds of money a sentence or section may be limited to, most specific first: a fund's name
# before the 财政拨款 a 决算 heading prints after it ("七、政府性基金预算财政拨款收入支出决算情况说明"
# speaks of 政府性基金 only).
FUND_WORDS = ("一般公共预算", "政府性基金", "国有资本经营", "财政拨款")

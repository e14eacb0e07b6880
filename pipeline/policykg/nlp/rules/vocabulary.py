"""Rule vocabulary for names of enterprises, government bodies, parks, places and projects.

Everything here describes the *genre* (how Chinese local-government reports build names), never
the names of one report: legal-form suffixes, industry words that end a company's short name,
the verbs and prepositions that stand before a name, generic modifiers that make a phrase a
description rather than a name. Each list is registered in spaCy's ``misc`` registry under a
versioned name so a config can swap it.

Decisions (documented because they are judgement calls):

* ``厂`` (plant) and ``合作社`` (cooperative) do not make an enterprise: county reports use them for
  facilities (污水处理厂) and generic cooperatives (农民专业合作社) far more often than for firms.
* ``集团`` and bare ``公司`` make an enterprise only when the part before them is a name (a brand of
  2+ characters that is not generic); ``组建/成立…公司`` announces a new generic body and is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from policykg.nlp.rule_data import rule_data


def _words(text: str) -> tuple[str, ...]:
    """Split a space-separated word list (kept compact on purpose)."""
    return tuple(text.split())


LEGAL_SUFFIXES: tuple[str, ...] = _words(
    "股份有限公司 有限责任公司 集团有限公司 集团股份公司 有限公司 集团公司 "
    "分公司 子公司 支行 分行 公司 集团 "
)

INDUSTRY_WORDS: tuple[str, ...] = _words(
    "钢铁 冶炼 机电 化工 煤化工 科技 新材料 新材 能源 机械 焦化 煤化 煤业 "
    "电力 医药 药业 制药 水泥 农业 农牧 牧业 生物 传动 实业 建材 纺织 "
    "食品 电子 环保 铸业 电器 重工 矿业 金属制品 热电 电气 光电 "
    "建工 集团 股份 控股 乳业 酒业 茶业 果业 菜业 种业 饲料 陶瓷 玻璃 "
    "塑业 管业 线缆 纸业 印务 制衣 服饰 软件 精工 "
    "动力 晶体 汽车 锂电 锂业 石化 物流 复合材料 "
)

GENERIC_MODIFIERS: tuple[str, ...] = _words(
    "精细 传统 现代 新型 高端 绿色 智能 新兴 特色 优势 战略 重点 数字 "
    "设施 高效 有机 智慧 休闲 创意 优质 生态 循环 清洁 低碳 骨干 龙头 "
    "规上 民营 国有 中小 小微 全县 全市 全省 本地 地方 相关 各类 其他 "
    "一批 新建 在建 重大 大型 先进 高新 产业 行业 企业 商贸 农产品 "
    "农村 城乡 县域 乡村 社有 国资 投资 运营 平台 服务 管理 发展 建设 "
    "技术 工业 制造 加工 能源 资源 文化 旅游 康养 健康 教育 卫生 医疗 银行 文旅 冷链 电商 "
)

# Words that stand before a name and are never part of it: verbs, prepositions, conjunctions,
# adverbs and quantifiers. Longest first at match time.
BOUNDARY_WORDS: tuple[str, ...] = _words(
    "实施主体为 实施主体是 责任单位 牵头单位 加快推进 积极推进 大力推进 "
    "依托 利用 申报 支持 推动 推进 引进 加快 实施 建设 新建 扶持 培育 打造 发展 提振 "
    "鼓励 引导 完成 开展 组织 积极 重点 全力 大力 加强 提升 壮大 做强 "
    "做大 围绕 依靠 通过 促进 落实 启动 谋划 开工 投产 投用 投运 建成 争取 力争 "
    "确保 着力 持续 继续 进一步 加大 成立 组建 设立 引导 带动 帮助 "
    "协调 对接 联合 合作 改造 升级 规划 筹备 续建 扩建 改扩建 计划 "
    "包括 涉及 主要 其中 以及 还有 同时 并且 配合 服务 盘活 做好 抓好 "
    "办好 用好 推广 建立 形成 实现 获批 被评为 荣获 获评 认定 入驻 "
    "落户 签约 位于 全面 加速 基本 已经 正在 将 由 以 在 对 与 和 "
    "及 把 了 的 等 是 为 并 代表 "
    "从 到 还 分别 预计 其余 另外 此外 督查 调研 考察 视察 观摩 参观 走访 检查 看望 一行 "
)

# Phrases that make a preceding list of names a list of enterprises: 推动A、B等企业.
ENTERPRISE_HEADS: tuple[str, ...] = _words(
    "企业 公司 龙头企业 知名企业 骨干企业 民营企业 领军企业 链主企业 "
)

GOVERNMENT_SUFFIXES: tuple[str, ...] = _words(
    "人民政府 管委会 委员会 办公厅 办公室 政府 局 委 办 厅 部 人大常委会 人大 政协 法院 检察院 "
    "人民代表大会 常委会 党中央 纪委监委 指挥部 领导小组 工作专班 "
)

PARK_SUFFIXES: tuple[str, ...] = _words(
    "经济技术开发区 经济开发区 高新技术产业开发区 高新区 开发区 工业园区 "
    "产业园区 农业园区 产业园 工业园 物流园 科技园 示范园 园区 产业集群 "
    "集群 产业基地 示范基地 生产基地 "
)

PLACE_SUFFIXES: tuple[str, ...] = ("自治区", "省", "市", "县", "区", "镇", "乡", "村")

# Provincial-level units of China: a gazetteer of the genre, not of one report.
PROVINCES: tuple[str, ...] = _words(
    "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 "
    "福建 江西 山东 河南 湖北 湖南 广东 广西 海南 重庆 四川 贵州 云南 "
    "西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾 "
)

# Place-name "prefixes" that are pronouns or quantifiers: 全县, 我市, 该镇, 各村.
PLACE_PRONOUNS = "全本我该各每一两多此其县市镇乡村区省外邻"

PROJECT_HEADS: tuple[str, ...] = ("项目", "工程")

# Project names that are generic mentions (重点项目, 招商引资项目, 民生工程) when they are all
# there is before 项目/工程.
GENERIC_PROJECT_WORDS: tuple[str, ...] = _words(
    "重点 重大 招商引资 招商 签约 民生 产业 工业 技改 一批 建设 新建 "
    "续建 在建 扶贫 专项债 基础设施 涉农 农业 数字农业 储备 前期 投资 "
    "政府 中央预算内投资 各类 上述 这些 全部 所有 该 此类 相关 其他 "
    "六新 大 小 好 项目 新开工 开工 竣工 投产 谋划 入库 十四五 省级 "
    "市级 县级 国家级 省市 重点工程 王牌 惠民 文化惠民 雪亮 民心 示范 "
    "试点 全年 全县 今年 当年 落地 合作 县校合作 基建 "
)


# What makes “…工程” a programme rather than a work (guideline: 市场主体倍增工程 is no project).
PROGRAMME_ENDINGS: tuple[str, ...] = _words(
    "提速 提质 培训 圆梦 倍增 创建 行动 计划 惠民 覆盖 增收 关爱 育人 兴业 振兴 "
    "帮扶 救助 助学 服务 素养 品牌 人才 培育 育林 阳光 政绩 "
)


# Words of the genre that the general dictionary lacks or tags as names: kinds of local state
# firm (城投 = 城市建设投资, 强村公司, 央企), and common nouns of the reports (城中村, 雨污, 管网;
# 城市, 山区 and 美丽 are tagged as place names). A name made of them and common words only is
# a kind, not a name (``resolve.kinds``).
GENRE_WORDS: tuple[str, ...] = _words(
    "城投 城发 城建 产投 农发 农投 交投 建投 旅投 文投 文旅 投控 金控 康养 强村 共富 "
    "央企 国企 民企 城中村 老旧 雨污 违建 蓄能 冷链 锂电 管网 供排水 焕新 城市 山区 美丽 "
)

# Heads of works that run through many places and are one work there (北沿江高铁, 南水北调):
# a shared name with these heads is not a kind.
LINE_HEADS: tuple[str, ...] = _words("高铁 铁路 城际 高速 运河 调水 输水 航道 隧道 大桥 ")

# Heads of a street's name: each place has its own 南环路 or 平安街, one work in each.
STREET_HEADS: tuple[str, ...] = _words("路 街 大道 大街 巷 环线 ")


@dataclass(frozen=True, slots=True)
class NameRules:
    """All name vocabulary in one hashable value (components take it from the config)."""

    legal_suffixes: tuple[str, ...] = LEGAL_SUFFIXES
    industry_words: tuple[str, ...] = INDUSTRY_WORDS
    generic_modifiers: tuple[str, ...] = GENERIC_MODIFIERS
    boundary_words: tuple[str, ...] = BOUNDARY_WORDS
    enterprise_heads: tuple[str, ...] = ENTERPRISE_HEADS
    government_suffixes: tuple[str, ...] = GOVERNMENT_SUFFIXES
    park_suffixes: tuple[str, ...] = PARK_SUFFIXES
    place_suffixes: tuple[str, ...] = PLACE_SUFFIXES
    provinces: tuple[str, ...] = PROVINCES
    place_pronouns: str = PLACE_PRONOUNS
    project_heads: tuple[str, ...] = PROJECT_HEADS
    generic_project_words: tuple[str, ...] = GENERIC_PROJECT_WORDS
    programme_endings: tuple[str, ...] = PROGRAMME_ENDINGS


DEFAULT_NAME_RULES = NameRules()


@rule_data("policykg.name_rules.v1")
def make_name_rules() -> NameRules:
    """The default name vocabulary (``[components.policykg_names.rules]`` in config.cfg)."""
    return DEFAULT_NAME_RULES


@rule_data("policykg.enterprise_suffixes.v1")
def make_enterprise_suffixes() -> tuple[str, ...]:
    """Legal-form suffixes that end an enterprise's registered name."""
    return LEGAL_SUFFIXES

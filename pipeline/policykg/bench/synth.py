"""A generator of report-shaped synthetic documents, for scaling benchmarks.

The documents imitate the genre, not the seeds' wording: a title block and a meeting line, numbered
headings, paragraphs wrapped at a fixed width with page numbers between pages, enterprises with
invented names (short brand names and legal names), projects with capacities and investments,
``以A、B为龙头，打造C`` and ``实施主体为`` contexts, quoted slogans, numeric abbreviations, a
numbered glossary at the end, and paragraphs repeated verbatim as scraped pages often have.
Names are built from syllables, so a 100× corpus holds thousands of names no rule has seen.
Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_SYLLABLES = "恒 祥 鑫 泰 晋 华 宏 远 兴 瑞 金 通 达 昌 盛 鼎 源 丰 润 嘉 博 安 康 德 信 诚 宇 海 隆 新 正 天 中 振 耀 明".split()
_INDUSTRIES = (
    "钢铁 化工 机械 冶炼 新材 能源 科技 电力 医药 焦化 食品 纺织 建材 物流 光伏 电子".split()
)
_PRODUCTS = "高性能合金 特种钢材 锂电池正极材料 医药中间体 光伏组件 精密铸件 新型建材 有机肥 碳化硅 食用菌".split()
_UNITS = ("万吨", "吨", "万件", "MW", "KVA", "万平方米")
_PLACES = "东 西 南 北 河 山 川 平 阳 城".split()
_NUMERALS = "一 二 三 四 五 六 七 八 九 十".split()
_VERBS = "稳 保 促 强 优 抓 兴 惠".split()
_OBJECTS = "就业 金融 外贸 外资 投资 预期 民生 产业 生态 安全 创新 改革".split()
_FILLER = (
    "坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，推动经济实现质的有效提升和量的合理增长。",
    "持续优化营商环境，深化放管服改革，全面提升政务服务效能，让市场主体活力充分迸发。",
    "统筹发展和安全，扎实做好民生保障工作，持续增进人民群众的获得感、幸福感、安全感。",
    "加快构建现代产业体系，推动传统产业转型升级，培育壮大战略性新兴产业。",
)


@dataclass(frozen=True, slots=True)
class SynthSpan:
    """A generated entity mention: its label and where it sits in the generated text."""

    label: str
    start: int
    end: int


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[SynthSpan] = []

    def add(self, text: str, label: str | None = None) -> None:
        if label:
            self.spans.append(SynthSpan(label, self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def _name(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(n))


def _brand(rng: random.Random) -> str:
    return _name(rng) + rng.choice(_INDUSTRIES)


def _legal(rng: random.Random, place: str) -> str:
    return f"{place}{_name(rng)}{rng.choice(_INDUSTRIES)}有限公司"


def _term(rng: random.Random) -> tuple[str, list[str]]:
    count = rng.randint(2, 6)
    verb = rng.choice(_VERBS)
    parts = [verb + obj for obj in rng.sample(_OBJECTS, count)]
    return _NUMERALS[count - 1] + verb, parts


def _paragraph(w: _Writer, place: str, terms: list[tuple[str, list[str]]]) -> None:
    rng = w.rng
    kind = rng.randrange(5)
    if kind == 0:
        a, b = _brand(rng), _brand(rng)
        w.add("以")
        w.add(a, "Enterprise")
        w.add("、")
        w.add(b, "Enterprise")
        w.add("为龙头，打造")
        w.add(f"{rng.choice(_PRODUCTS)}产业园", "Park")
        w.add("。")
    elif kind == 1:
        company = _brand(rng)
        w.add("加快推进")
        w.spans.append(SynthSpan("Enterprise", w.length, w.length + len(company)))
        w.add(
            f"{company}年产{rng.randint(2, 90)}{rng.choice(_UNITS)}{rng.choice(_PRODUCTS)}项目",
            "Project",
        )
        w.add(f"建设，总投资{rng.randint(1, 50)}.{rng.randint(0, 9)}亿元。")
    elif kind == 2:
        w.add(f"{rng.choice(_PRODUCTS)}中试基地", "Project")
        w.add("，实施主体为")
        w.add(_legal(rng, place), "Enterprise")
        w.add("。")
    elif kind == 3:
        term, _ = rng.choice(terms)
        w.add("扎实做好“")
        w.add(term, "Abbreviation")
        w.add("”工作，坚持“")
        short = place.removesuffix("县")
        w.add(f"生态{short}、活力{short}、幸福{short}", "Slogan")
        w.add("”的发展定位。")
    else:
        w.add(rng.choice(_FILLER))


def generate_document(
    seed: int, target_chars: int, *, width: int = 28
) -> tuple[str, list[SynthSpan]]:
    """One report of about ``target_chars`` characters, and the spans of what it names."""
    rng = random.Random(seed)
    place = rng.choice(_PLACES) + rng.choice(_PLACES) + "县"
    terms = [_term(rng) for _ in range(8)]
    body = _Writer(rng)
    body.add(
        f"政府工作报告\n——2023年2月{rng.randint(1, 28)}日在{place}第十八届人民代表大会第三次会议上\n"
    )
    section = 0
    paragraphs: list[str] = []
    while body.length < target_chars * 0.9:
        section += 1
        body.add(f"\n{_NUMERALS[(section - 1) % 10]}、重点工作\n")
        for _ in range(rng.randint(2, 5)):
            if paragraphs and rng.random() < 0.05:
                body.add(rng.choice(paragraphs) + "\n")  # a page scraped twice
                continue
            start = body.length
            for _ in range(rng.randint(2, 5)):
                _paragraph(body, place, terms)
            paragraphs.append(body.text()[start:])
            body.add("\n")
    body.add("\n附注：\n")
    for index, (term, parts) in enumerate(terms, start=1):
        body.add(f"{index}.“")
        body.add(term, "Abbreviation")
        body.add(f"”：{'、'.join(parts)}。\n")
    return body.text(), body.spans


def wrap(text: str, width: int = 28, lines_per_page: int = 30) -> str:
    """Hard-wrap paragraphs at ``width`` characters with a page number every page, as PDFs do."""
    out: list[str] = []
    page = 1
    count = 0
    for para in text.split("\n"):
        chunks = [para[i : i + width] for i in range(0, len(para), width)] or [""]
        for chunk in chunks:
            out.append(chunk)
            count += 1
            if count % lines_per_page == 0:
                out.append(f"\n- {page} -\n")
                page += 1
        out.append("")
    return "\n".join(out)


def generate_corpus(
    folder: Path, *, total_chars: int, doc_chars: int = 20_000, seed: int = 7
) -> list[Path]:
    """Write about ``total_chars`` characters of wrapped synthetic reports into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for index, size in enumerate(_sizes(total_chars, doc_chars)):
        text, _ = generate_document(seed * 100_003 + index, size)
        path = folder / f"synth_{index:05d}.txt"
        path.write_text(wrap(text), encoding="utf-8")
        paths.append(path)
    return paths


def _sizes(total: int, per_doc: int) -> Iterator[int]:
    while total > 0:
        yield min(per_doc, total)
        total -= per_doc

"""Names before a legal-form suffix that the legal-name rule refuses, proposed for the model to
judge: 成立|湖北国发供应链公司, 组建|生态环境集团, 文旅集团.

``orgs.find_legal_names`` refuses a name after 组建/成立 (a body still to be set up), one that
opens with a common word (担保集团, 粮食集团) and a few other shapes. In a report's review of the
year those are often firms that exist (成立湖北国发供应链公司，营收突破50亿元), and the short
name of a city's own group is one firm (GUIDELINE H-c6). So where no legal name ends at a
suffix, every start the name-boundary cuts allow (``names.cut_points``: after a verb or a
preposition, or the run's start) is proposed (rule ``legal_doubt``, ``RuleId.needs_decision``),
and only a decision model that keeps it makes it a firm.
"""

from __future__ import annotations

import re

from policykg.ir import EntityType
from policykg.nlp.candidates import LEGAL_DOUBT, LEGAL_SUFFIX
from policykg.nlp.rules.names import cut_points, run_start, word_regex
from policykg.nlp.rules.orgs import COUNTED_OR_KIND, Found, suffix_regex, suffix_runs_on
from policykg.nlp.rules.vocabulary import DEFAULT_NAME_RULES, NameRules

ENTERPRISE = EntityType.ENTERPRISE.value
_RUN = 16  # characters reaching left from the suffix
_MIN_CORE, _MAX_CORE = 2, 12
_NOT_A_NAME = re.compile(r"[\d.×·]|的")


def _cores(text: str, suffix_start: int, rules: NameRules) -> list[int]:
    """The starts of the names before a suffix that the boundary cuts allow."""
    start, natural = run_start(text, suffix_start, _RUN)
    boundary = word_regex(rules.boundary_words)
    return [
        cut
        for cut in cut_points(text, start, suffix_start, natural, boundary)
        if _MIN_CORE <= suffix_start - cut <= _MAX_CORE
        and not _NOT_A_NAME.search(text, cut, suffix_start)
        and not COUNTED_OR_KIND.search(text, cut, suffix_start)  # 新增上市公司: a kind
    ]


def find_doubtful_legal_names(
    text: str, found: list[Found], rules: NameRules = DEFAULT_NAME_RULES
) -> list[Found]:
    """A proposal for every allowed name before a legal suffix that no legal name ends at."""
    legal = {end for _, end, _, rule in found if rule == LEGAL_SUFFIX}
    out: list[Found] = []
    for match in suffix_regex(rules).finditer(text):
        if match.end() in legal or suffix_runs_on(text, match.start(), match.end()):
            continue
        out += [
            (cut, match.end(), ENTERPRISE, LEGAL_DOUBT)
            for cut in _cores(text, match.start(), rules)
        ]  # one with the extent of another rule's candidate gives way to it (``to_spans``)
    return out

"""The character taggers of firm and project names: features, marginals, training, and their place
in extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.gold.files import default_gold_root
from policykg.gold.folds import held_out_name, kin_folds, read_corpus_folds
from policykg.gold.load import CorpusGoldDoc
from policykg.gold.train_name_tagger import doc_sequences, tagger_for, train_tagger
from policykg.ir import DocMeta, SourceDoc
from policykg.nlp.candidates import (
    FIRM_TAGGER,
    GOVERNMENT_SUFFIX,
    LEGAL_SUFFIX,
    PROJECT_HEAD,
    PROJECT_TAGGER,
    Spot,
)
from policykg.nlp.extract import extract_doc, propose, tagger_reading, with_tagger_proposals
from policykg.nlp.pipeline import build_nlp
from policykg.nlp.resolve.merge import merge_spots
from policykg.nlp.rules.lexicon import word_entries
from policykg.nlp.statistical.decide import Decider, tagger_view
from policykg.nlp.statistical.name_tagger import (
    FIRMS,
    MODEL_DIR,
    PROJECTS,
    PROPOSAL_FLOOR,
    Marginals,
    NameTagger,
    Taggers,
    read_document,
    shipped_taggers,
    taggers_in,
)
from policykg.nlp.statistical.tagger_features import (
    WORTH_TAGGING,
    _segment,
    bio_spans,
    char_features,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SENTENCE = "推动宁德时代新能源电池产业项目一期投产"
FIRM = (2, 6)  # 宁德时代
PROJECT = (2, 17)  # 宁德时代新能源电池产业项目


def _source(name: str, raw: str) -> SourceDoc:
    return SourceDoc(name, name, raw, "utf-8", "0" * 64, DocMeta(name))


def _read(
    tagger: NameTagger,
    text: str,
    asked: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> tuple[list[tuple[int, int]], dict[tuple[int, int], float]]:
    """What one tagger proposes in ``text`` and its scores, asked about candidates of its type."""
    label = tagger.kind.label
    spots: list[Spot] = [(s, e, label, LEGAL_SUFFIX) for s, e in asked]
    reading = read_document([tagger], text, {0: (0, len(text))}, {0: spots})
    assert all(p[2:] == (label, tagger.kind.source) for p in reading.proposed.get(0, []))
    assert {key[2] for key in reading.scores} <= {label}
    proposed = [(s, e) for s, e, _, _ in reading.proposed.get(0, [])]
    return proposed, {(s, e): p for (s, e, _), p in reading.scores.items()}


def _labels(text: str, spans: list[tuple[int, int]]) -> list[str]:
    labels = ["O"] * len(text)
    for start, end in spans:
        labels[start] = "B"
        labels[start + 1 : end] = ["I"] * (end - start - 1)
    return labels


def test_every_character_has_the_same_columns() -> None:
    rows = char_features(SENTENCE)
    assert len(rows) == len(SENTENCE)
    assert {len(r) for r in rows} == {len(rows[0])}
    first = dict(f.split("=", 1) for f in rows[0] if "=" in f)
    assert first["c"] == "推" and first["c-1"] == "#" and first["c+1"] == "动"
    assert first["seg"] == "B" and first["tag"] == "v"  # 推动 is a verb of the dictionary


def test_flags_say_what_follows() -> None:
    rows = char_features("支持华鲁科技公司发展")
    suffix = [r for r in rows if "sfx_soon=1" in r]
    industry = [i for i, r in enumerate(rows) if "ind_here=1" in r]
    assert suffix  # 公司 within reach
    assert industry == [4]  # 科技 starts at 4
    assert "ind_soon=1" in rows[2] and "ind_soon=0" in rows[4]


def test_segmentation_is_greedy_longest_first() -> None:
    places, tags = _segment("新能源电池")
    assert places == ["B", "M", "E", "B", "E"]
    assert tags[0] == tags[2] and tags[3] == tags[4]
    assert _segment("") == ([], [])
    assert _segment("嗯")[0] == ["S"]


def test_the_segmentation_skips_no_long_word() -> None:
    """``tagger_features._segment`` tries words of three and four characters only where one of
    them can start; on a seed report it segments as trying every length everywhere does."""
    entries = word_entries()

    def every_length(text: str) -> list[str]:
        places, i = ["S"] * len(text), 0
        while i < len(text) - 1:
            n = next((n for n in (4, 3, 2) if i + n <= len(text) and text[i : i + n] in entries), 0)
            if n:
                places[i : i + n] = ["B", *["M"] * (n - 2), "E"]
            i += n or 1
        return places

    text = sorted(SEEDS.glob("*.txt"))[1].read_text("utf-8")[:6000]
    places, _ = _segment(text)
    assert places == every_length(text)
    assert places.count("M") > 10  # words of three and four characters were found


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        (["O", "B", "I", "O"], [(1, 3)]),
        (["B", "I", "B", "I"], [(0, 2), (2, 4)]),
        (["O", "I", "I", "O"], []),  # an I without a B starts nothing
        (["B"], [(0, 1)]),
        ([], []),
    ],
)
def test_bio_spans(labels: list[str], spans: list[tuple[int, int]]) -> None:
    assert bio_spans(labels) == spans
    assert bio_spans(labels, 10) == [(s + 10, e + 10) for s, e in spans]


TOY_FIRMS = ["宁德时代", "华鲁恒升", "万华化学", "太阳纸业", "歌尔股份", "京东方科"]


def _toy_model(folder: Path, span: tuple[int, int]) -> Path:
    """A model that learns one sentence shape, 推动<firm of 4>新能源…项目一期投产, with ``span``
    of each sentence marked."""
    sequences = []
    for firm in TOY_FIRMS:
        text = f"推动{firm}新能源电池产业项目一期投产"
        sequences.append((char_features(text), _labels(text, [span])))
    report = train_tagger(sequences, folder / "toy.crfsuite")
    assert report.names == len(TOY_FIRMS) and report.sentences == len(TOY_FIRMS)
    return report.path


@pytest.fixture(scope="module")
def toy_tagger(tmp_path_factory: pytest.TempPathFactory) -> NameTagger:
    """Firm names: the four characters after 推动."""
    return NameTagger(_toy_model(tmp_path_factory.mktemp("tagger"), FIRM))


@pytest.fixture(scope="module")
def toy_project_tagger(tmp_path_factory: pytest.TempPathFactory) -> NameTagger:
    """Project names: after 推动, the rest up to 项目."""
    return NameTagger(_toy_model(tmp_path_factory.mktemp("tagger"), PROJECT), PROJECTS)


def test_a_trained_model_proposes_what_it_learned(toy_tagger: NameTagger) -> None:
    proposed, scores = _read(toy_tagger, SENTENCE)
    assert FIRM in proposed
    assert scores[FIRM] == max(scores.values()) > 0.5
    assert all(scores[span] >= PROPOSAL_FLOOR for span in proposed)
    text = "。" + SENTENCE + "。"
    assert (3, 7) in _read(toy_tagger, text)[0]  # offsets in the text given


def test_a_project_model_proposes_projects(toy_project_tagger: NameTagger) -> None:
    proposed, scores = _read(toy_project_tagger, SENTENCE, [PROJECT, FIRM])
    assert PROJECT in proposed and scores[PROJECT] > 0.5 > scores[FIRM]


def test_sentences_without_a_cue_are_not_tagged(toy_tagger: NameTagger) -> None:
    text = "推动宁德时代新能源电池产业持续发展"  # no firm or project word in the sentence
    assert not WORTH_TAGGING.search(text)
    assert _read(toy_tagger, text, [(2, 6)]) == ([], {})


def test_likely_spans_are_those_whose_likelihood_reaches_the_floor() -> None:
    chances = Marginals(begins=[0.9, 0.0, 0.0], inside=[0.0, 0.8, 0.1])
    found = chances.likely_spans(16)
    assert [(s, e) for s, e, _ in found] == [(0, 1), (0, 2), (0, 3)]
    assert [round(p, 3) for _, _, p in found] == [0.18, 0.648, 0.09]
    assert all(p == pytest.approx(chances.span(s, e)) for s, e, p in found)
    assert [(s, e) for s, e, _ in chances.likely_spans(2)] == [(0, 1), (0, 2)]  # no longer
    assert Marginals(begins=[0.04, 0.0], inside=[0.0, 0.9]).likely_spans(16) == []


def test_the_marginals_read_are_probabilities(toy_tagger: NameTagger) -> None:
    """CRFsuite overwrites a sentence's marginals with its Viterbi scores once ``tag`` runs
    after they were read: the tagger must read them alone, and twice gives the same."""
    tagger = toy_tagger._opened()
    tagger.set(char_features(SENTENCE))
    chances = Marginals.of(tagger, len(SENTENCE))
    outside = [tagger.marginal("O", i) for i in range(len(SENTENCE))]
    for b, i, o in zip(chances.begins, chances.inside, outside, strict=True):
        assert b + i + o == pytest.approx(1.0)
    once = _read(toy_tagger, SENTENCE)
    assert _read(toy_tagger, SENTENCE) == once


def test_training_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    text = SENTENCE
    sequences = [(char_features(text), _labels(text, [FIRM]))] * 3
    one = train_tagger(sequences, tmp_path / "a.crfsuite").path
    two = train_tagger(sequences, tmp_path / "b.crfsuite").path
    assert one.read_bytes() == two.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_the_proposals_are_candidates_only_a_model_may_keep(
    toy_tagger: NameTagger, toy_project_tagger: NameTagger
) -> None:
    bounds = {0: (0, len(SENTENCE))}
    project = (*PROJECT, "Project", PROJECT_HEAD)
    reading = read_document([toy_tagger, toy_project_tagger], SENTENCE, bounds, {0: [project]})
    proposals = reading.proposed[0]
    assert (*FIRM, "Enterprise", FIRM_TAGGER) in proposals
    assert (*PROJECT, "Project", PROJECT_TAGGER) in proposals
    assert FIRM_TAGGER.needs_decision and PROJECT_TAGGER.needs_decision
    candidates = with_tagger_proposals({0: [project]}, reading)
    assert candidates[0] == [project, *proposals]
    assert with_tagger_proposals({0: [project]}, None) == {0: [project]}


def test_the_project_tagger_reads_only_sentences_with_a_project_word(
    toy_tagger: NameTagger, toy_project_tagger: NameTagger
) -> None:
    text = "支持宁德时代等企业扩大产能。"  # worth tagging (企业, 等), but no project word
    assert WORTH_TAGGING.search(text) and not PROJECTS.would_read(text)
    assert FIRMS.would_read(text) and PROJECTS.would_read(SENTENCE)
    asked = {0: [(2, 6, "Enterprise", LEGAL_SUFFIX), (2, 6, "Project", PROJECT_HEAD)]}
    reading = read_document([toy_tagger, toy_project_tagger], text, {0: (0, len(text))}, asked)
    assert (2, 6, "Enterprise") in reading.scores
    assert not [key for key in reading.scores if key[2] == "Project"]
    assert all(spot[2] == "Enterprise" for spot in reading.proposed.get(0, []))


def test_the_reading_scores_each_candidate_by_the_tagger_of_its_type(
    toy_tagger: NameTagger, toy_project_tagger: NameTagger
) -> None:
    bounds = {0: (0, len(SENTENCE))}
    right = (2, 6, "Enterprise", LEGAL_SUFFIX)  # 宁德时代, the name the tagger reads
    longer = (2, 8, "Enterprise", LEGAL_SUFFIX)  # 宁德时代新能: runs on past it
    project = (*PROJECT, "Project", PROJECT_HEAD)
    reading = read_document([toy_tagger], SENTENCE, bounds, {0: [right, longer, project]})
    assert {key for key in reading.scores if key[:2] in ((2, 6), (2, 8), PROJECT)} == {
        (2, 6, "Enterprise"),
        (2, 8, "Enterprise"),
    }  # without a project tagger, a project candidate is not scored
    scores = reading.scores
    assert scores[(2, 6, "Enterprise")] > 0.5 > scores[(2, 8, "Enterprise")]
    assert tagger_view(SENTENCE, right, scores) != tagger_view(SENTENCE, longer, scores)
    assert tagger_view(SENTENCE, project, scores) == ["tagger=unread"]
    both = read_document([toy_tagger, toy_project_tagger], SENTENCE, bounds, {0: [project]})
    assert both.scores[(*PROJECT, "Project")] > 0.5
    assert tagger_view(SENTENCE, project, both.scores) == ["tagger=5"]
    assert tagger_view(SENTENCE, right, None) == []  # no tagger: no feature
    assert tagger_view(SENTENCE, (0, 4, "Slogan", LEGAL_SUFFIX), scores) == []  # untagged type
    unread = (0, 4, "Enterprise", LEGAL_SUFFIX)  # scored only where the tagger reads
    assert tagger_view(SENTENCE, unread, {}) == ["tagger=unread"]
    legal = "湖北鸿达化工有限公司"  # a registered name: its suffix and the guideline fix it
    registered = (0, len(legal), "Enterprise", LEGAL_SUFFIX)
    assert tagger_view(legal, registered, {(0, 10, "Enterprise"): 0.0}) == []


def test_a_kept_tagged_name_gives_way_to_the_rules_firms_only() -> None:
    tagged = (2, 6, "Enterprise", FIRM_TAGGER)
    firm = (2, 8, "Enterprise", LEGAL_SUFFIX)
    assert merge_spots([firm, tagged]) == [firm]
    body = (0, 10, "GovernmentBody", GOVERNMENT_SUFFIX)  # the model read that neighbour
    assert merge_spots([body, tagged]) == [body, tagged]
    project = (0, 10, "Project", PROJECT_HEAD)  # a firm at a project's head stays
    assert merge_spots([project, tagged]) == [project, tagged]


def test_extraction_records_the_tagger_as_the_source(toy_tagger: NameTagger) -> None:
    doc = _source("toy.txt", SENTENCE + "。\n")
    nlp = build_nlp()
    keep_sure_names = Decider(
        {
            f"Enterprise@firm_tagger|{f}": w
            for f, w in [("bias", -2), ("tagger=4", 5), ("tagger=5", 5)]
        },
        {"Enterprise@firm_tagger": 0.5},
    )
    taggers = Taggers(firm=toy_tagger)
    found = extract_doc(doc, nlp, decider=keep_sure_names, tagger=taggers)
    tagged = [c for c in found.candidates if c.mention.source == "firm_tagger"]
    assert [(c.label, c.type.value) for c in tagged] == [("宁德时代", "Enterprise")]
    for decider in (None, Decider({}, {})):  # no model, or one that does not judge them
        kept = extract_doc(doc, nlp, decider=decider, tagger=taggers)
        assert not [c for c in kept.candidates if c.mention.source == "firm_tagger"]


def test_the_project_tagger_reads_only_where_its_proposals_are_judged(
    toy_project_tagger: NameTagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The project tagger's proposals are judged in every report, a county's too (the rules'
    project candidates only above county level: ``Decider.for_place``); where a model judges
    neither, the tagger is not read at all, as its proposals would be dropped and its view of
    the rules' candidates unread."""
    import policykg.nlp.statistical.name_tagger as name_tagger

    described: list[str] = []

    def counted(text: str) -> list[tuple[str, ...]]:
        described.append(text)
        return char_features(text)

    monkeypatch.setattr(name_tagger, "char_features", counted)
    nlp = build_nlp()
    keep_sure_projects = Decider(
        {
            f"Project@project_tagger|{f}": w
            for f, w in [("bias", -2), ("tagger=4", 5), ("tagger=5", 5)]
        },
        {"Project@project_tagger": 0.5, "Project": 0.0},
    )
    rules_only = Decider({}, {"Project": 0.0})
    taggers = Taggers(project=toy_project_tagger)
    cases = [(place, keep_sure_projects, True) for place in ("三亚市", "新绛县", None)]
    cases += [("三亚市", rules_only, True), ("新绛县", rules_only, False)]  # True: its view
    for place, decider, reads in cases:
        described.clear()
        doc = SourceDoc("d.txt", "d.txt", SENTENCE, "utf-8", "0" * 64, DocMeta("d", place=place))
        extract_doc(doc, nlp, decider=decider, tagger=taggers)
        assert bool(described) == reads, place
        judged = decider.for_place(place).judged_types()
        proposed = propose(doc, nlp)
        reading = tagger_reading(proposed.norm, proposed.candidates, taggers, judged)
        assert (reading is not None) == reads, place
    assert reading is None
    reading = tagger_reading(proposed.norm, proposed.candidates, taggers, ["Project"])
    assert reading is not None
    assert (*PROJECT, "Project", PROJECT_TAGGER) in reading.proposed[0]


def test_the_shipped_taggers_are_there_and_find_names() -> None:
    taggers = shipped_taggers()
    assert taggers.firm is not None and taggers.firm.path == FIRMS.path()
    assert taggers.project is not None and taggers.project.path == PROJECTS.path()
    text = "加快太阳纸业170万吨浆纸一体化项目、华勤高端橡胶新材料产业园建设。"
    proposed, scores = _read(taggers.firm, text)
    assert {text[s:e] for s, e in proposed if scores[(s, e)] > 0.5}  # bare names at heads
    proposed, scores = _read(taggers.project, text)
    assert {text[s:e] for s, e in proposed if scores[(s, e)] > 0.5}


def test_each_dev_fold_is_tagged_by_models_that_never_saw_it() -> None:
    root = default_gold_root()
    folds = read_corpus_folds(root / "splits.toml")
    dev = {f.name for f in folds if f.status == "dev"}
    for fold in folds:
        taggers = tagger_for(fold.name, root)
        without = held_out_name(fold.name, folds) if fold.name in dev else None
        if without is not None:  # named by the dev folds of its kin, all left out of training
            assert set(without.split("+")) == kin_folds(fold.name, folds) & dev
        for kind, tagger in ((FIRMS, taggers.firm), (PROJECTS, taggers.project)):
            assert tagger is not None and tagger.kind == kind
            assert tagger.path == kind.path(MODEL_DIR, without) and tagger.path.is_file()
    assert tagger_for("xinjiang", root) == shipped_taggers()  # seeds: never trained on
    assert taggers_in(Path("/nonexistent")) == Taggers()


def test_one_held_out_tagger_per_kin_set_and_no_two_alike() -> None:
    folds = read_corpus_folds(default_gold_root() / "splits.toml")
    names = {held_out_name(f.name, folds) for f in folds if f.status == "dev"}
    for kind in (FIRMS, PROJECTS):
        shipped = set(MODEL_DIR.glob(f"{kind.stem}-without-*.crfsuite"))
        assert shipped == {kind.path(MODEL_DIR, name) for name in names}, kind.stem
        assert len({p.read_bytes() for p in shipped}) == len(shipped), kind.stem


def test_training_labels_follow_the_gold_in_normalised_text() -> None:
    raw = "前言。\n推动宁德时代　新能源电池产业项目投产。\n不在范围。\n"
    start = raw.index("宁德时代")
    doc = CorpusGoldDoc(
        source=_source("t.txt", raw),
        spans=frozenset({("t.txt", start, start + 4, "Enterprise")}),
        relations=frozenset(),
        coverage=((raw.index("推动"), raw.index("不在")),),
        glossary=(),
    )
    sequences = list(doc_sequences(doc))
    assert len(sequences) == 1  # only the sentence inside the annotated range
    features, labels = sequences[0]
    assert labels[2:6] == ["B", "I", "I", "I"] and labels.count("B") == 1
    assert len(features) == len(labels)
    (_, no_projects), *_ = doc_sequences(doc, "Project")
    assert no_projects == ["O"] * len(labels)  # no Project gold here


def test_the_tagger_proposals_are_decision_examples(toy_tagger: NameTagger) -> None:
    """Training reads a fold as extraction does: the tagger's likely names are examples of
    their own key, right when a gold name has exactly their extent."""
    from policykg.gold.train_decider import FoldDocs, examples

    raw = SENTENCE + "。\n"
    doc = CorpusGoldDoc(
        source=_source("t.txt", raw),
        spans=frozenset({("t.txt", *FIRM, "Enterprise")}),
        relations=frozenset(),
        coverage=((0, len(raw)),),
        glossary=(),
    )
    fold = FoldDocs("toy", [doc], ("Enterprise",), tagger=Taggers(firm=toy_tagger))
    found, _ = examples(fold, build_nlp())
    proposals = [e for e in found if e.label == "Enterprise@firm_tagger"]
    assert [e.positive for e in proposals].count(True) == 1
    assert all("Enterprise@firm_tagger|src=firm_tagger" in e.feats for e in proposals)
    without = FoldDocs("toy", [doc], ("Enterprise",))  # no tagger: no proposals
    assert not [e for e in examples(without, build_nlp())[0] if e.label.endswith("@firm_tagger")]


def test_a_kept_tagged_name_spreads_over_its_document(toy_tagger: NameTagger) -> None:
    """A name the model kept from the tagger names the same firm wherever the report repeats
    it, even in a sentence the tagger does not read; its own mention keeps its source."""
    later = "宁德时代再获殊荣。"
    doc = _source("toy.txt", SENTENCE + "。\n" + later + "\n")
    keep_sure_names = Decider(
        {
            f"Enterprise@firm_tagger|{f}": w
            for f, w in [("bias", -2), ("tagger=4", 5), ("tagger=5", 5)]
        },
        {"Enterprise@firm_tagger": 0.5},
    )
    found = extract_doc(doc, build_nlp(), decider=keep_sure_names, tagger=Taggers(firm=toy_tagger))
    mentions = sorted(
        (c.mention.span.start, c.mention.source) for c in found.candidates if c.label == "宁德时代"
    )
    assert mentions == [(2, "firm_tagger"), (len(SENTENCE) + 2, "propagate")]


def test_only_a_kept_tagged_name_of_three_characters_or_more_spreads() -> None:
    from policykg.nlp.extract import _spreadable_names
    from policykg.text.normalize import normalize

    norm = normalize("推动华为、宁德时代、比亚迪等企业落地。\n")
    text = norm.text
    spots = [
        (text.index(n), text.index(n) + len(n), "Enterprise", FIRM_TAGGER)
        for n in ("华为", "宁德时代", "比亚迪")
    ]
    assert _spreadable_names(norm, {0: spots}) == {"宁德时代", "比亚迪"}
    proposed = [(s, e, "Project", PROJECT_TAGGER) for s, e, _, _ in spots]  # not firms
    assert _spreadable_names(norm, {0: proposed}) == set()

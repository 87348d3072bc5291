"""The trained sentence models: features, training, the shipped weights, bad model files."""

from __future__ import annotations

import hashlib
import json
import marshal
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from mailgate.errors import MailgateError, RuleError
from mailgate.lexicon import LANGUAGES, Lexicons
from mailgate.textmodel.features import sentence_features
from mailgate.textmodel.linear import FORMAT, load_model, probability
from mailgate.textmodel.train import Example, fit, log_count_ratios, read_examples, train

MODELS = ROOT / "rules" / "models" / "hostile"
LEXICONS = ROOT / "rules" / "lexicons"

TINY = """\
language: en
hostile:
  blame: ["This is entirely your own fault.", "You broke it yourself, so stop complaining.",
          "Had you read the manual you would know.", "Frankly, your team made a mess of this."]
neutral:
  facts: ["Your parcel arrives on Monday.", "The refund reaches your account in five days.",
          "Thank you for your message.", "We are sorry the parcel was late."]
"""


def test_inflected_forms_share_stems() -> None:
    first, second = sentence_features("Вы виноваты"), sentence_features("Вы сами виновата")
    assert {"s винов", "s винова"} <= first.keys() & second.keys()
    assert "s вино" not in first and not any(f.startswith("e ") for f in first)  # no 4-letter stems, no endings


def test_decomposed_text_has_the_features_of_composed_text() -> None:
    import unicodedata

    sentence = "Wytłumaczę to jeszcze raz, powoli, bo chyba nie dotarło — Ihre Schuld, señora."
    assert sentence_features(unicodedata.normalize("NFD", sentence)) == sentence_features(sentence)


def test_digits_collapse_into_one_feature() -> None:
    assert sentence_features("Ticket 48213").keys() == sentence_features("Ticket 90577").keys()


def test_a_sentences_score_is_the_sum_of_its_features(tmp_path: Path) -> None:
    """The scorer remembers each word's share; it must agree with the trainer's feature view."""
    model = train(_write(tmp_path / "en.examples.yaml", TINY), "hostile")
    sentence = "Frankly, had you read the manual, this would be your own fault again?"
    total = model.bias + sum(model.weights.get(f, 0.0) * value for f, value in sentence_features(sentence).items())
    assert model.score(sentence) == pytest.approx(probability(total))
    assert model.score(sentence) == pytest.approx(probability(total))  # from remembered word shares


def test_training_is_repeatable_and_learns_the_labels(tmp_path: Path) -> None:
    examples = tmp_path / "en.examples.yaml"
    examples.write_text(TINY, encoding="utf-8")
    first, second = train(examples, "hostile"), train(examples, "hostile")
    assert first == second
    assert first.examples_sha256 == hashlib.sha256(examples.read_bytes()).hexdigest()
    assert first.score("This is your own fault.") > 0.5 > first.score("Your refund arrives on Monday.")


def test_a_word_of_one_side_weighs_more_than_a_word_of_both() -> None:
    """The naive-Bayes ratio that scales each feature: hostile-only words up, shared topic words near 0."""
    examples = [Example("your own fault parcel", True, "h"), Example("your own fault again", True, "h"),
                Example("the parcel arrives", False, "n"), Example("the parcel is late", False, "n")]
    ratios = log_count_ratios(examples, [list(sentence_features(e.text).items()) for e in examples])
    assert ratios["w fault"] > ratios["w parcel"] > ratios["w arrives"]
    assert ratios["w fault"] > 0 > ratios["w arrives"]
    assert abs(ratios["w parcel"]) < ratios["w fault"] / 2


def test_a_feature_equally_common_on_both_sides_does_not_stop_training() -> None:
    """Its log-count ratio is 0: it must be left out, not divide AdaGrad by zero."""
    examples = [Example("same words here", True, "h"), Example("aaa bbb ccc", True, "h"),
                Example("same words here", False, "n"), Example("ddd eee fff", False, "n")]
    bias, weights = fit(examples)
    assert "w same" not in weights and weights["w aaa"] > 0 > weights["w ddd"]


def test_examples_without_both_labels_are_a_named_error(tmp_path: Path) -> None:
    examples = tmp_path / "bad.examples.yaml"
    examples.write_text("language: en\nhostile:\n  blame: [\"Your fault.\"]\n", encoding="utf-8")
    with pytest.raises(MailgateError, match="neutral"):
        read_examples(examples, "hostile")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shipped_model_is_trained_on_the_committed_examples(lang: str) -> None:
    """Edit an examples file and forget to retrain, and this fails (docs/contributing.md says how)."""
    examples = MODELS / f"{lang}.examples.yaml"
    model = load_model(LEXICONS / lang / "hostile.model.json")
    assert model.language == lang and model.label == "hostile"
    assert model.examples_sha256 == hashlib.sha256(examples.read_bytes()).hexdigest()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shipped_model_separates_its_own_examples(lang: str) -> None:
    _, examples = read_examples(MODELS / f"{lang}.examples.yaml", "hostile")
    model = load_model(LEXICONS / lang / "hostile.model.json")
    right = sum((model.score(e.text) >= 0.5) == e.positive for e in examples)
    assert right / len(examples) > 0.95


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "other"}),
                                     json.dumps({"format": FORMAT, "bias": 0, "weights": {"w a": "x"}}),
                                     json.dumps({"format": FORMAT, "bias": 0, "weights": {"w a": True}}),
                                     json.dumps({"format": FORMAT, "bias": "0", "weights": {}}),
                                     '{"format": "%s", "bias": 0, "weights": {"w a": NaN}}' % FORMAT,
                                     '{"format": "%s", "bias": 0, "weights": {"w a": %s}}' % (FORMAT, "9" * 400)])
def test_a_broken_model_file_is_named(tmp_path: Path, content: str, model_cache: Path) -> None:
    path = tmp_path / "hostile.model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_model(path)
    assert caught.value.path == str(path)


@pytest.fixture
def model_cache(tmp_path: Path, monkeypatch: Any) -> Path:
    """A model cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MAILGATE_CACHE_DIR", str(folder))
    return folder


def _tiny_model(path: Path, bias: float) -> Path:
    path.write_text(json.dumps({"format": FORMAT, "label": "hostile", "language": "en", "bias": bias,
                                "weights": {"w fault": 2.0}}), encoding="utf-8")
    return path


def test_a_model_read_again_comes_from_the_cache_and_never_stale(tmp_path: Path, model_cache: Path) -> None:
    path = _tiny_model(tmp_path / "hostile.model.json", 0.5)
    first = load_model(path)
    assert len(list(model_cache.glob("model-*.marshal"))) == 1
    assert load_model(path) == first and load_model(path).score("your fault") == first.score("your fault")
    _tiny_model(path, -3.0)  # retrained: new bytes, new key, and the older entry is gone
    assert load_model(path).bias == -3.0
    assert len(list(model_cache.glob("model-*.marshal"))) == 1


def test_no_cache_reads_the_model_file_whatever_the_cache_holds(tmp_path: Path, model_cache: Path) -> None:
    from mailgate.textmodel import cache

    path = _tiny_model(tmp_path / "hostile.model.json", 0.5)
    load_model(path)
    for entry in model_cache.glob("model-*.marshal"):
        entry.write_bytes(marshal.dumps(("hostile", "en", 50.0, {}, "")))  # a forged entry
    assert load_model(path).bias == 50.0
    assert load_model(path, use_cache=False).bias == 0.5
    assert cache.entry_name(path, b"{}", "mailgate-linear-2|1000000.0") != cache.entry_name(path, b"{}", "other")


def test_a_cache_folder_that_cannot_be_made_only_costs_speed(tmp_path: Path, monkeypatch: Any) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MAILGATE_CACHE_DIR", str(blocker / "mailgate"))  # HOME=/dev/null does the same
    assert load_model(_tiny_model(tmp_path / "hostile.model.json", 0.5)).bias == 0.5


def test_without_a_home_the_cache_is_off_not_an_error(tmp_path: Path, monkeypatch: Any) -> None:
    from mailgate import validation_cache

    for name in ("MAILGATE_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert validation_cache.cache_dir() is None
    assert load_model(_tiny_model(tmp_path / "hostile.model.json", 0.5)).bias == 0.5
    assert not validation_cache.ValidationCache("rules", "k").known("x")


def test_a_broken_cache_entry_is_read_from_json_again(tmp_path: Path, model_cache: Path) -> None:
    path = _tiny_model(tmp_path / "hostile.model.json", 0.5)
    load_model(path)
    for entry in model_cache.glob("model-*.marshal"):
        entry.write_bytes(b"\xfftruncated")
    assert load_model(path).bias == 0.5


def test_without_the_cache_nothing_is_written(tmp_path: Path, model_cache: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("MAILGATE_NO_CACHE", "1")
    assert load_model(_tiny_model(tmp_path / "hostile.model.json", 0.5)).bias == 0.5
    assert not model_cache.exists()


def test_a_broken_model_file_is_refused_whatever_the_cache_holds(tmp_path: Path, model_cache: Path) -> None:
    path = tmp_path / "hostile.model.json"
    path.write_text('{"format": "%s", "bias": 0, "weights": {"w a": NaN}}' % FORMAT, encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleError):
            load_model(path)
    assert not list(model_cache.glob("model-*.marshal"))


def test_a_model_trained_for_the_older_scoring_asks_to_be_retrained(tmp_path: Path) -> None:
    path = tmp_path / "hostile.model.json"
    path.write_text(json.dumps({"format": "mailgate-linear-1", "bias": 0, "weights": {}}), encoding="utf-8")
    with pytest.raises(RuleError, match="retrain it from its examples"):
        load_model(path)


def test_a_later_root_replaces_the_model(tmp_path: Path) -> None:
    own = tmp_path / "en"
    own.mkdir()
    bias, weights = fit(read_examples(_write(tmp_path / "tiny.yaml", TINY), "hostile")[1])
    (own / "hostile.model.json").write_text(json.dumps(
        {"format": FORMAT, "label": "hostile", "language": "en", "bias": bias, "weights": weights}),
        encoding="utf-8")
    lexicons = Lexicons([LEXICONS, tmp_path])
    assert lexicons.model("hostile", "en").weights == weights
    assert lexicons.model("hostile", "xx") is None


def test_a_broken_model_in_a_users_lexicon_folder_stops_the_check_cleanly(tmp_path: Path, run_cli: Any) -> None:
    (tmp_path / "lex" / "en").mkdir(parents=True)
    (tmp_path / "lex" / "en" / "hostile.model.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "mailgate.yaml").write_text("lexicon_paths: [lex]\n", encoding="utf-8")
    (tmp_path / "reply.md").write_text("---\nsubject: Re\nkind: reply\nlang: en\n---\nHello,\n\nthanks.\n",
                                       encoding="utf-8")
    result = run_cli("check", "reply.md", "--select", "hostile-tone", cwd=tmp_path)
    assert result.code == 2
    assert "hostile.model.json" in result.out + result.err and "Traceback" not in result.err


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_example_is_listed_twice(lang: str) -> None:
    """A repeated sentence weighs double in training; the same sentence under both labels is a contradiction."""
    _, examples = read_examples(MODELS / f"{lang}.examples.yaml", "hostile")
    seen: dict[str, str] = {}
    repeated = []
    for example in examples:
        key = " ".join(example.text.casefold().split())
        if key in seen:
            repeated.append((seen[key], example.category, example.text))
        seen[key] = example.category
    assert not repeated

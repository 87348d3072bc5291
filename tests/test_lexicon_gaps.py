"""PhraseMatcher entry syntax: gaps (``~``, ``~N``), any-order groups (``{…}``), alternatives, clause ends."""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import pytest

from mailgate.errors import RuleError
from mailgate.lexicon import PhraseMatcher, compile_phrase, read_lexicon


def texts(phrases: list[str], text: str) -> list[str]:
    return [m.text for m in PhraseMatcher(phrases).finditer(text)]


def test_a_gap_allows_up_to_three_words_by_default() -> None:
    assert texts(["la culpa es ~ suya"], "La culpa es exclusivamente suya.") == ["La culpa es exclusivamente suya"]
    assert texts(["la culpa es ~ suya"], "La culpa es, sin duda alguna, suya.") == ["La culpa es, sin duda alguna, suya"]
    assert texts(["la culpa es ~ suya"], "la culpa es de nadie más que suya") == []


def test_a_numbered_gap_sets_its_width() -> None:
    assert texts(["you ~1 careless"], "you were careless") == ["you were careless"]
    assert texts(["you ~1 careless"], "you really were careless") == []
    assert texts(["wie oft ~3 muss ich"], "Wie oft muss ich das noch sagen?") == ["Wie oft muss ich"]


def test_a_gap_stays_inside_one_sentence() -> None:
    assert texts(["your ~ carelessness"], "Thanks for your order. Carelessness happens.") == []
    assert texts(["la culpa es ~ suya"], "La culpa es nuestra.\n\nSuya es la razón.") == []


def test_gaps_combine_with_ending_wildcards_for_inflection() -> None:
    matcher = ["który raz ~3 tłumacz*", "если бы вы ~2 удосужил*"]
    assert texts(matcher, "nie wiem, który raz mam ci to tłumaczyć") == ["który raz mam ci to tłumaczyć"]
    assert texts(matcher, "Если бы вы удосужились прочитать FAQ") == ["Если бы вы удосужились"]


def test_braced_words_match_in_either_order() -> None:
    phrases = ["no fue {culpa tuya}"]
    assert texts(phrases, "no fue culpa tuya") == ["no fue culpa tuya"]
    assert texts(phrases, "no fue tuya la culpa") == []
    assert compile_phrase("no fue {culpa tuya}") == [("no", "fue", "culpa", "tuya"), ("no", "fue", "tuya", "culpa")]


def test_leading_and_trailing_gaps_are_dropped_and_widths_parsed() -> None:
    assert compile_phrase("~ you ~2 fault ~") == [("you", 2, "fault")]
    assert compile_phrase("przeprasz* ~ za") == [("przeprasz*", 3, "za")]


def test_the_phrase_with_more_words_wins_at_a_position() -> None:
    found = list(PhraseMatcher(["your fault", "your ~2 fault entirely"]).finditer("your own fault entirely"))
    assert [m.phrase for m in found] == ["your ~2 fault entirely"]


def test_exceptions_with_gaps_cover_the_matches_inside_them() -> None:
    hostile = PhraseMatcher(["culpa tuya"])
    exceptions = PhraseMatcher(["no ~2 {culpa tuya}"])
    assert list(hostile.finditer_outside("Tranqui, no fue culpa tuya para nada.", exceptions)) == []
    assert [m.text for m in hostile.finditer_outside("Fue culpa tuya.", exceptions)] == ["culpa tuya"]


def test_gap_matching_stays_linear_on_long_text() -> None:
    """Ten times the words may cost about ten times the CPU, not a hundred (no wall clock: it flakes)."""
    matcher = PhraseMatcher(["you ~3 you ~3 you ~3 never"] + [f"word{n} ~ end" for n in range(200)])

    def cpu_seconds(words: int) -> float:
        text = " ".join(["you"] * words)
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            assert list(matcher.finditer(text)) == []
            best = min(best, time.process_time() - started)
        return best

    small, large = cpu_seconds(2_000), cpu_seconds(20_000)
    assert large < 30 * max(small, 1e-3)


def test_alternatives_state_a_structure_in_one_entry() -> None:
    phrases = ["your ~2 careless*|negligence"]
    assert texts(phrases, "due to your own negligence") == ["your own negligence"]
    assert texts(phrases, "your very careless handling") == ["your very careless"]
    assert texts(phrases, "our own negligence") == []
    assert compile_phrase("a|b c") == [("a", "c"), ("b", "c")]


def test_parentheses_hold_alternatives_of_several_words() -> None:
    phrases = ["(de verdad|en serio) crees"]
    assert texts(phrases, "¿En serio crees que eso pasa solo?") == ["En serio crees"]
    assert texts(phrases, "¿De verdad crees que sí?") == ["De verdad crees"]
    assert texts(phrases, "¿Crees que sí?") == []
    assert compile_phrase("to (naprawdę|) nie") == [("to", "naprawdę", "nie"), ("to", "nie")]
    assert compile_phrase("(a b|c) d|e") == [("a", "b", "d"), ("a", "b", "e"), ("c", "d"), ("c", "e")]


@pytest.mark.parametrize(("text", "found"), [
    ("Пока!", ["Пока"]), ("Пока, Саша!", ["Пока"]), ("пока", ["пока"]), ("Пока\nСветлана", ["Пока"]),
    ("Пока мы ждём ответа от склада.", []), ("Na razie!", ["Na razie"]), ("Na razie nie mamy terminu.", []),
])
def test_a_final_dot_means_the_phrase_ends_its_clause(text: str, found: list[str]) -> None:
    assert texts(["пока .", "na razie ."], text) == found


@pytest.mark.parametrize(("text", "found"), [
    ("Виноваты перед вами: ответ затянулся.", ["Виноваты перед вами"]),
    ("Марина!\n\nВиноваты перед вами.", ["Виноваты перед вами"]),
    ("«Виноваты перед вами», — пишет он.", ["Виноваты перед вами"]),  # an opening quote sits between
    ("Ответ затянулся, виноваты перед вами.", ["виноваты перед вами"]),
    ("Служба доставки виновата перед вами, а не мы.", []), ("Курьер виноват перед вами.", []),
    ("Sorry, my fault.", ["my fault"]), ("It was not my fault.", []),
])
def test_a_leading_dot_means_the_phrase_opens_its_clause(text: str, found: list[str]) -> None:
    assert texts([". виноват|виновата|виноваты перед ~1 вами", ". my fault"], text) == found


@pytest.mark.parametrize("text", ["Ответ затянулся - виноваты перед вами.", "• Виноваты перед вами.",
                                  "*Виноваты перед вами*", "Марина!\xa0Виноваты перед вами."])
def test_a_dash_a_bullet_or_a_no_break_space_before_the_word_still_opens_the_clause(text: str) -> None:
    assert texts([". виноваты перед вами"], text)


@pytest.mark.parametrize(("phrase", "text"), [
    ("ngā|nga mihi", "Ngā mihi,"), ("dziękuję", "Dziękuję bardzo"), ("grüße", "Viele Grüße"),
    ("спокойной ночи", "Спокойной ночи!"), ("señora", "Estimada señora:"),
])
def test_decomposed_text_matches_like_composed_text(phrase: str, text: str) -> None:
    """Text typed or pasted decomposed (NFD: a letter, then its accent) is the same words."""
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    found = [unicodedata.normalize("NFC", match) for match in texts([phrase], decomposed)]
    assert found == texts([phrase], text) != []


def test_a_leading_dot_before_a_gap_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "hostile.yaml").write_text("name: hostile\nlang: en\nentries:\n  - '. ~2 fault'\n", encoding="utf-8")
    with pytest.raises(RuleError, match="leading '.'"):
        read_lexicon(folder / "hostile.yaml")


@pytest.mark.parametrize(("lang", "text"), [
    ("pl", "Urzędnik odpowie w terminie 14 dni."), ("pl", "Odpowiemy za trzy dni."), ("pl", "Odpowiemy w 2 dni robocze."),
    ("en", "We will reply within a period of 14 days."), ("en", "You will hear from us in two weeks."),
    ("es", "Le responderemos en el plazo de 10 días."), ("de", "Wir antworten in drei Tagen."),
    ("de", "Sie erhalten innerhalb einer Frist von 14 Tagen Bescheid."), ("ru", "Ответим в срок до 14 дней."),
    ("ru", "Специалист перезвонит через 3 дня."), ("ru", "Ответим в течение двух недель."),
])
def test_a_duration_is_a_deadline_whatever_phrase_frames_it(lang: str, text: str) -> None:
    assert _deadline(lang, text)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Our office at 14 Mill Lane is open 9:00 until 17:30."), ("en", "Orders ship within 24 hours."),
    ("en", "Sending it five times within an hour will not help."),
    ("de", "Telefonisch Montag bis Freitag von 8 bis 18 Uhr."), ("de", "Bestellungen werden innerhalb von 2 Werktagen versandt."),
    ("es", "Abrimos de lunes hasta el viernes, de 9:00 a 14:00."), ("es", "Los pedidos llegan en 48 horas."),
    ("pl", "Biuro działa od poniedziałku do piątku."), ("pl", "Pięć razy w ciągu godziny to za dużo."),
    ("ru", "Мы работаем с 9:00 до 21:00."), ("ru", "Отключение воды с 24 по 26 ноября."),
])
def test_opening_hours_frequencies_and_shipping_times_are_no_deadline(lang: str, text: str) -> None:
    """deadline_exceptions: the phrase says when the office opens or goods ship, not when the answer comes."""
    assert _deadline(lang, text) is None


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "We will call you at 9:30."), ("de", "Wir melden uns bis Freitag."), ("es", "Se la enviaremos en un día laborable."),
    ("pl", "Odpowiemy w ciągu 2 dni. Biuro działa od poniedziałku do piątku."), ("ru", "Ответим с понедельника."),
])
def test_a_deadline_next_to_opening_hours_still_counts(lang: str, text: str) -> None:
    assert _deadline(lang, text)


def _deadline(lang: str, text: str) -> str | None:
    from mailgate.builtin import rules_root
    from mailgate.lexicon import Lexicons
    from mailgate.text.deadlines import deadline_matcher

    return deadline_matcher(Lexicons([rules_root() / "lexicons"]), lang).search(text)


@pytest.mark.parametrize(("phrase", "problem"), [
    ("(de verdad|en serio crees", "not closed"), ("word) x", "not closed"), ("(a ~2 b) c", "inside a group"),
    ("(bye .|goodbye)", "inside a group"), ("a|(b c) d", "inside the parentheses"),
    ("el disgusto que|.", "one of the '|' choices"), ("a|~2 b", "one of the '|' choices"),
])
def test_a_group_that_would_match_something_else_is_an_error(phrase: str, problem: str, tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=problem):
        read_lexicon(_closings(tmp_path, ["ok", phrase]))


def test_groups_that_mean_what_they_say_pass(tmp_path: Path) -> None:
    phrases = ["buziaki :)", "(a|b)~2 c", "(a|b).", "(a|b)(c|d)", "(a|)", "{culpa tuya} x"]
    assert read_lexicon(_closings(tmp_path, phrases)) == phrases


def _closings(root: Path, phrases: list[str]) -> Path:
    """A Polish closings lexicon holding ``phrases``."""
    path = root / "pl" / "closings.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("name: closings\nentries:\n" + "".join(f"  - {json.dumps(p)}\n" for p in phrases), encoding="utf-8")
    return path

"""hostile-tone: blame and insults in five languages, inflected; reassuring negations pass."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import rule_ids


def draft(body: str, lang: str) -> str:
    return f"---\nsubject: 'Re: order'\nkind: reply\nlang: {lang}\n---\n{body}\n"


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hello,\n\nit is your own fault the parcel came back."),
    ("de", "Guten Tag,\n\nSie sind schuld, wenn Sie die Adresse falsch eingeben. Das ist lächerlich."),
    ("es", "Hola:\n\nla culpa es suya por no leer las condiciones."),
    ("pl", "Dzień dobry,\n\nzwrot się opóźnił z Pani winy, bo nie doczytała Pani regulaminu."),
    ("pl", "Dzień dobry,\n\nto głupota wysyłać paczkę bez numeru."),
    ("ru", "Добрый день.\n\nВы сами виноваты: вы невнимательно прочитали условия."),
    ("ru", "Добрый день.\n\nЭто глупость, а не жалоба."),
    ("ru", "Добрый день.\n\nВы что, тупой? Я же написал, что нож заточен."),
    ("ru", "Добрый день.\n\nНож острый, а вы тупой."),
    ("ru", "Добрый день.\n\nВы сами загнали себя в угол, потому что вы тупой."),
    ("pl", "Dzień dobry,\n\nnie martwię się, bo wiem, że to Pana wina."),
])
def test_blame_and_insults_are_found(lang: str, body: str, check_text: Any) -> None:
    assert "hostile-tone" in rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hello Anna,\n\nit's not your fault at all; the link was broken."),
    ("en", "Hello Anna,\n\nplease don't blame yourself: box blight has hit almost every garden this year."),
    ("de", "Hallo Anna,\n\ndas ist nicht Ihre Schuld, der Link war defekt."),
    ("es", "Hola, Ana:\n\nno es culpa suya, el enlace estaba roto."),
    ("pl", "Dzień dobry,\n\nto nie Pani wina, link był uszkodzony."),
    ("ru", "Здравствуйте!\n\nЭто не ваша вина: ссылка была сломана. Вы не виноваты."),
])
def test_reassuring_negations_pass(lang: str, body: str, check_text: Any) -> None:
    assert not rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


@pytest.mark.parametrize(("lang", "body"), [
    ("pl", "Dzień dobry,\n\nprzepraszamy za zwłokę, to nasze niedopatrzenie, nie Państwa."),
    ("pl", "Dzień dobry,\n\npróbki Pana wina dotarły do nas w komplecie i w dobrym stanie."),
    ("en", "Hello,\n\nsorry for the wait, that was our oversight, not yours."),
    ("pl", "Dzień dobry,\n\nproszę się nie obawiać, że to Państwa wina – papier łatwo się zagina w transporcie."),
    ("ru", "Здравствуйте!\n\nУгол между гранями получился тупой, поэтому камень не играет."),
    ("ru", "Здравствуйте!\n\nПосле года работы тупой нож — это нормально, заточка бесплатная."),
])
def test_own_oversight_and_wine_are_not_blame(lang: str, body: str, check_text: Any) -> None:
    assert not rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


def test_quoted_anger_is_not_the_authors_tone(check_text: Any) -> None:
    body = ("Dzień dobry,\n\nprzepraszamy, nowy czajnik wyślemy jutro.\n\n"
            "W dniu 3.03.2026 o 10:15, Jan <jan@example.pl> napisał(a):\n> To wasza wina, idioci!")
    assert not rule_ids(check_text(draft(body, "pl"), select=["hostile-tone"]))


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Dear Mr Okoye,\n\nthe shrinkage is the result of your own carelessness, not a defect."),
    ("en", "Hello,\n\nas I clearly explained last week, refunds take ten days."),
    ("es", "Estimado Sr. Fuentes:\n\nLa culpa es exclusivamente suya."),
    ("es", "Hola:\n\nno sé cuántas veces más tengo que explicártelo."),
    ("de", "Sehr geehrter Herr Neumann,\n\ndas haben Sie sich selbst zuzuschreiben."),
    ("de", "Hallo,\n\nwie oft muss ich Ihnen das noch erklären?"),
    ("de", "Guten Tag,\n\ndas liegt an Ihrer eigenen Unachtsamkeit."),
    ("pl", "Cześć,\n\nktóry raz mam ci to tłumaczyć?"),
    ("pl", "Szanowny Panie,\n\nto wynika z Pana własnej nieostrożności."),
    ("ru", "Здравствуйте.\n\nЕсли бы вы удосужились прочитать FAQ, вопросов бы не было."),
    ("ru", "Здравствуйте.\n\nВинить в этом вам некого, кроме себя."),
])
def test_blame_structures_with_words_between_are_found(lang: str, body: str, check_text: Any) -> None:
    assert "hostile-tone" in rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hiya Beth!\n\nSorry about the mix-up, you should've got the blue one, not the green."),
    ("en", "Hello,\n\nthank you, we were careless with the packing and will resend it."),
    ("es", "Hola Sofía:\n\nquedate tranqui, no fue culpa tuya para nada."),
    ("de", "Hallo Anna,\n\ndas ist wirklich nicht Ihre Schuld."),
    ("ru", "Здравствуйте!\n\nЭто совсем не ваша вина."),
])
def test_what_we_owed_and_negations_in_either_order_pass(lang: str, body: str, check_text: Any) -> None:
    assert not rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hi Dana,\n\nthe missed delivery window was down to you, since nobody answered the door."),
    ("en", "Hello,\n\nthe responsibility for the lost key rests with you, not with the hotel."),
    ("en", "Hello,\n\nthe broken seal was an oversight on your part."),
    ("es", "Estimada Sra. Ruiz:\n\nel retraso se debe a su propia negligencia al rellenar el formulario."),
    ("es", "Hola, Pablo:\n\nel daño fue un descuido por tu parte, no de la tienda."),
    ("de", "Sehr geehrte Frau Krüger,\n\ndie Verspätung ist allein Ihrem Versäumnis zuzuschreiben."),
    ("de", "Hallo Jonas,\n\nder Fehler lag an deinem alten Browser."),
    ("pl", "Szanowna Pani,\n\nza uszkodzenie paczki odpowiada wyłącznie Pani."),
    ("pl", "Dzień dobry,\n\nawaria wynikła z zaniedbania po Państwa stronie."),
    ("ru", "Добрый день.\n\nОтветственность за потерю данных лежит на вас."),
    ("ru", "Привет.\n\nПоломка произошла по твоей небрежности."),
])
def test_responsibility_attributed_to_the_reader_is_found(lang: str, body: str, check_text: Any) -> None:
    assert "hostile-tone" in rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hello,\n\nI am telling you for the fourth time: the voucher expired in May."),
    ("en", "Hello,\n\nif you had actually looked at the invoice, you would have seen the fee."),
    ("es", "Señor Díaz:\n\nle repito una vez más que el reembolso ya se ha emitido."),
    ("es", "Hola:\n\nsi hubiera leído el contrato, sabría que no hay devolución."),
    ("de", "Guten Tag,\n\nich erkläre Ihnen zum wiederholten Mal, wie die Kündigung funktioniert."),
    ("de", "Hallo,\n\nhätten Sie die Anleitung gelesen, wäre das nicht passiert."),
    ("pl", "Dzień dobry,\n\npiszę do Pani już czwarty raz w tej sprawie."),
    ("pl", "Dzień dobry,\n\ngdyby Pan przeczytał instrukcję, nie byłoby problemu."),
    ("ru", "Здравствуйте.\n\nКак я уже писал вам, возврат невозможен."),
    ("ru", "Здравствуйте.\n\nЕсли бы вы прочитали договор, таких вопросов бы не возникло."),
])
def test_condescension_addressed_to_the_reader_is_found(lang: str, body: str, check_text: Any) -> None:
    assert "hostile-tone" in rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Dear guest,\n\nyour responsibility as our guest is only to enjoy the view."),
    ("en", "Hello,\n\nwe take full responsibility for the mix-up and have refunded you."),
    ("en", "Hello,\n\nthe damage was not down to you; the courier dropped the box."),
    ("en", "Hello,\n\nwe checked it for the third time this week and the server is fine."),
    ("es", "Estimado cliente:\n\nes nuestra responsabilidad y ya hemos corregido el error."),
    ("es", "Hola:\n\nno es su responsabilidad revisar el paquete; lo haremos nosotros."),
    ("de", "Sehr geehrte Frau Weber,\n\nSie tragen keine Schuld, der Fehler lag bei unserem Lager."),
    ("de", "Hallo,\n\ndas war unsere Verantwortung, und wir entschuldigen uns."),
    ("pl", "Dzień dobry,\n\nto nasza wina i już wysłaliśmy nowy produkt."),
    ("pl", "Dzień dobry,\n\nodpowiadamy Panu w ciągu dwóch dni roboczych."),
    ("ru", "Здравствуйте.\n\nЭто наша вина, и мы уже отправили замену."),
    ("ru", "Здравствуйте.\n\nВы ни в чём не виноваты: посылку повредил курьер."),
    ("es", "Hola:\n\nla responsabilidad es nuestra, no suya; le repito nuestro agradecimiento."),
    ("pl", "Dzień dobry,\n\nPan odpowiada za kontakt z kurierem, a my za naprawę."),
    ("ru", "Исәнмесез, Марина!\n\nВиноваты перед вами: ответ затянулся на целую неделю."),  # corpus_blind22 ru r09
    ("ru", "Здравствуйте.\n\nОтвет затянулся - виноваты перед вами, письмо потерялось."),
    ("ru", "Здравствуйте.\n\nМы очень сильно виноваты перед вами: письмо потерялось."),
])
def test_own_responsibility_and_negated_blame_pass(lang: str, body: str, check_text: Any) -> None:
    assert not rule_ids(check_text(draft(body, lang), select=["hostile-tone"]))


@pytest.mark.parametrize("name", ["sarcasm-en.txt", "mock-thanks-de.txt", "condescension-pl.txt",
                                  "veiled-threat-ru.txt"])
def test_the_tone_model_finds_what_no_listed_phrase_does(name: str, engine: Any) -> None:
    """Sarcasm, mock thanks, talking down and veiled threats: the finding names the model as its evidence."""
    from mailgate.config import Settings

    from conftest import FIXTURES

    result = engine.check_file(FIXTURES / "hostile-tone" / "bad" / name, Settings({"select": ["hostile-tone"]}))[0]
    assert [f.rule for f in result.findings] == ["hostile-tone"]
    assert "(tone model " in result.findings[0].message and result.findings[0].line == 8


def test_without_a_model_the_lexicon_alone_decides(check_text: Any) -> None:
    body = "Hello Dan,\n\nWhat a brilliant idea to take a rental kayak out in a force 7 gale, truly inspired."
    assert rule_ids(check_text(draft(body, "en"), select=["hostile-tone"]))
    assert not rule_ids(check_text(draft(body, "en"), select=["hostile-tone"], rules={"hostile-tone": {"model": "none"}}))


@pytest.mark.parametrize(("block_at", "severity"), [(1.0, "warn"), (0.0, "block")])
def test_a_model_score_below_the_block_threshold_only_warns(block_at: float, severity: str, check_text: Any) -> None:
    """A tone-model finding just over model_threshold asks for a look; a listed phrase or a sure score blocks."""
    body = "Hello Dan,\n\nWhat a brilliant idea to take a rental kayak out in a force 7 gale, truly inspired."
    result = check_text(draft(body, "en"), select=["hostile-tone"],
                        rules={"hostile-tone": {"model_block_threshold": block_at}})
    assert [(f.rule, f.severity.value) for f in result.findings] == [("hostile-tone", severity)]
    assert "(tone model " in result.findings[0].message


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hello Dan,\n\nWhat a brilliant idea to take a rental kayak out in a force 7 gale, truly inspired."),
    ("es", "Hola Dan:\n\nQué idea tan brillante la de sacar un kayak de alquiler con temporal de fuerza 7, "
           "de verdad inspirada."),
    ("de", "Hallo Dan,\n\nWas für eine glänzende Idee, bei Windstärke 7 mit einem Leihkajak rauszufahren, "
           "wirklich genial."),
    ("pl", "Cześć Dan,\n\nCo za genialny pomysł, żeby wypłynąć wypożyczonym kajakiem przy wietrze siły 7, "
           "naprawdę natchniony."),
    ("ru", "Здравствуйте, Дэн.\n\nКакая блестящая идея выйти на прокатной байдарке в шторм в семь баллов, "
           "просто гениально."),
])
def test_the_warning_threshold_is_read_per_language(lang: str, body: str, check_text: Any) -> None:
    """``model_threshold: {<lang>: …, default: …}``: the message's language picks its own threshold."""
    found = rule_ids(check_text(draft(body, lang), select=["hostile-tone"],
                                rules={"hostile-tone": {"model_threshold": {lang: 0.0, "default": 1.0}}}))
    assert found == {"hostile-tone"}
    others = "pl" if lang != "pl" else "ru"
    missed = rule_ids(check_text(draft(body, lang), select=["hostile-tone"],
                                 rules={"hostile-tone": {"model_threshold": {others: 0.0, "default": 1.0}}}))
    assert missed == set()


@pytest.mark.parametrize(("option", "says"), [
    ("model_threshold: 1.5", "1.5 is greater than the maximum of 1"),
    ("model_block_threshold: {en: 1.2}", "model_block_threshold.en: 1.2 is greater than the maximum of 1"),
    ("model_threshold: {EN: 0.0, default: 1.0}", "'EN' is not one of"),  # a key that would never match
    ("model_threshold: {en: 0.0, defualt: 1.0}", "'defualt' is not one of"),
    ("model_threshold: {}", "should be non-empty"),
])
def test_a_wrong_threshold_is_a_config_error_naming_it(tmp_path: Path, run_cli: Any, option: str, says: str) -> None:
    config = tmp_path / "mailgate.yaml"
    config.write_text(f"rules:\n  hostile-tone:\n    {option}\n", encoding="utf-8")
    draft_file = tmp_path / "reply.md"
    draft_file.write_text(draft("Hello Dan,\n\nThanks, the kayak is booked for Saturday.", "en"), encoding="utf-8")
    done = run_cli("check", draft_file, "--config", config)
    assert done.code == 2, done.out + done.err
    assert says in done.out + done.err and "Traceback" not in done.err


def test_a_listed_phrase_blocks_whatever_the_model_thresholds(check_text: Any) -> None:
    body = "Hello Dan,\n\nThe hull cracked because of your fault, not ours."
    result = check_text(draft(body, "en"), select=["hostile-tone"],
                        rules={"hostile-tone": {"model_block_threshold": 1.0}})
    assert {(f.rule, f.severity.value) for f in result.findings} == {("hostile-tone", "block")}


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hello,\n\nNothing arrived, which was your fault entirely."),
    ("de", "Hallo,\n\nKeine Zahlung ist eingegangen, das ist Ihre Schuld."),
    ("es", "Hola:\n\nNada ha llegado y eso fue culpa suya."),
    # An apostrophe or an inch sign is no quotation mark: the insult between them is the author's.
    ("en", "Hello,\n\nThe 27\" monitor arrived broken because you idiots can’t pack a box."),
    ("en", "Hello,\n\nWe’ve stocked ‘em for years and you idiots still don’t read the label."),
    # A wrapped line ending in a comma is no valediction when no name follows it.
    ("en", "Hi Mark,\n\nI looked into the delay. We did our best with the parcel,\nbut frankly this is entirely "
           "your own fault, you careless idiot, and\nnobody here is going to refund a penny of it\nDana"),
    ("en", "Hi Mark,\n\nI looked into the delay.\nWe did our best with the parcel,\nHonestly\nthis is entirely "
           "your own fault, you careless idiot, and\nnobody here is going to refund a penny of it\nDana"),
    ("en", "Hello,\n\nWell, you’ve made your bed: the deposit stays with us."),  # a typographic apostrophe
    # A reassurance of the exceptions lexicon must not shelter sarcasm built around it.
    ("ru", "Здравствуйте!\n\nНу конечно, это мы во всём виноваты перед вами, как всегда, а вы тут ни при чём."),
    ("ru", "Здравствуйте!\n\nНу конечно, виноваты перед вами мы, как всегда, а вы тут ни при чём."),
    ("ru", "Здравствуйте!\n\nНу конечно, мы виноваты перед вами во всём, как всегда, а вы тут ни при чём."),
    # An apology word after the guilt does not make sarcasm an apology (review of 721f901).
    ("ru", "Здравствуйте!\n\nНу конечно, мы виноваты перед вами и приносим извинения, как всегда, а вы тут ни при чём."),
    ("ru", "Здравствуйте!\n\nМы виноваты перед вами и просим впредь читать инструкцию, прежде чем писать нам в третий раз."),
    ("es", "Hola:\n\nLe reitero mis felicitaciones por romper el tercer aparato en un mes, todo un récord."),
])
def test_blame_beside_a_reassurance_word_or_a_quote_mark_is_still_blame(lang: str, body: str, check_text: Any) -> None:
    assert rule_ids(check_text(draft(body, lang), select=["hostile-tone"])) == {"hostile-tone"}


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "When you call, please spell your surname slowly."),
    ("en", "Housekeeping has made your bed with fresh linen."),
    ("en", "On Thursday's call we will go through it slowly, one step at a time."),
    ("es", "De verdad esperaba poder ayudarle antes."),
    ("de", "Haben Sie tatsächlich das Angebot angenommen?"),
    ("de", "Wir erwarteten sie wirklich schon am Montag."),
    ("pl", "Wyjaśnię Pani, jak powoli rozmrażać mięso."),
    ("ru", "Если вы действительно ожидали доставку вчера, приносим извинения."),
    ("ru", "Постараемся объяснить максимально просто, чтобы всем было понятно."),
])
def test_calm_sentences_near_the_rhetorical_entries_hold_no_listed_phrase(lang: str, sentence: str, engine: Any) -> None:
    from mailgate.config import Settings

    lexicons = engine.rule_set(Settings({"select": ["hostile-tone"]})).lexicons
    assert lexicons.matcher("hostile", lang).search(sentence) is None


@pytest.mark.parametrize(("lang", "body"), [
    ("en", "Hello,\n\nIt isn’t your fault: the courier dropped the box."),  # a typographic apostrophe
    ("en", "Hello,\n\nNothing you did was your fault, and neither delay was your fault either."),
    ("en", "Hello,\n\nYou wrote ‘you idiots can’t pack a box’, and we take that seriously."),
    ("de", "Guten Tag,\n\nkeine der Verzögerungen war Ihre Schuld."),
    ("es", "Hola:\n\nNada de lo ocurrido es culpa suya."),
    ("en", "Hello,\n\nYou couldn't have known the surgery would be brought forward."),
    ("ru", "Здравствуйте!\n\nЭто целиком наша вина — не ваша и не поставщика."),
    ("ru", "Здравствуйте!\n\nЕсли вы действительно думали, что заказ уже отправлен, приносим извинения за путаницу."),
])
def test_reassurances_quotes_and_conditions_pass(lang: str, body: str, check_text: Any) -> None:
    found = check_text(draft(body, lang), select=["hostile-tone"]).findings
    assert not [f for f in found if "listed phrase" in f.message]

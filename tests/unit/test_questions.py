from __future__ import annotations

import pytest

from mock_portal.formats import montant_fr
from mock_portal.questions import MAX_INPUT, QUESTIONS, TOO_LONG, form_values, sentences, to_form, validate
from mock_portal.window import Period

JUNE = Period(2019, 6)
ALL_NON = {q.name: "non" for q in QUESTIONS} | {"recherche": "oui"}


def test_questions_wording_is_the_tutorials():
    assert [q.label for q in QUESTIONS] == [
        "Avez-vous travaillé ou exercé une activité non salariée ?",
        "Avez-vous été en stage ?",
        "Avez-vous été en arrêt maladie ?",
        "Avez-vous été en congé maternité ?",
        "Percevez-vous une nouvelle pension retraite ?",
        "Percevez-vous une nouvelle pension d'invalidité de 2ème ou 3ème catégorie ?",
        "Etes-vous toujours à la recherche d'un emploi ?",
    ]


def test_questions_all_non_sentences():
    answers, errors = validate(ALL_NON, JUNE)
    assert errors == {}
    assert sentences(answers) == [
        "ne pas avoir travaillé", "ne pas avoir été en stage", "ne pas avoir été en arrêt maladie",
        "ne pas avoir été en congé maternité", "ne pas percevoir une nouvelle pension retraite",
        "ne pas percevoir une nouvelle pension d'invalidité de 2ème ou 3ème catégorie",
        "être toujours à la recherche d'un emploi",
    ]


def test_questions_follow_ups_of_the_other_answer_are_ignored():
    answers, errors = validate(ALL_NON | {"heures": "abc", "stage_du": "n'importe quoi"}, JUNE)
    assert errors == {} and "heures" not in answers and "stage_du" not in answers


def test_questions_worked_stores_exact_cents():
    answers, _ = validate(ALL_NON | {"travail": "oui", "heures": "35", "salaire": "1 234,56"}, JUNE)
    assert answers["salaire"] == 123456 and answers["heures"] == 35
    assert sentences(answers)[0] == "avoir travaillé 35 heures pour un salaire brut de 1 234,56 €"


@pytest.mark.parametrize("bad", ["peut-être", "", "OUI", None, ["oui"]])
def test_questions_unanswered_or_invalid_choice(bad):
    answers, errors = validate(ALL_NON | {"stage": bad}, JUNE)
    assert answers == {} and errors == {"stage": "Répondez à la question « Avez-vous été en stage ? »."}


@pytest.mark.parametrize(("extra", "field", "message"), [
    ({"stage": "oui", "stage_du": "14/06/2019", "stage_au": "13/06/2019"}, "stage_au", "avant la date"),
    ({"maladie": "oui", "maladie_du": "01/07/2019", "maladie_au": "02/07/2019"}, "maladie_du", "au plus tard"),
    ({"maladie": "oui", "maladie_du": "01/01/2019", "maladie_au": "31/05/2019"}, "maladie_au", "mois déclaré"),
    ({"retraite": "oui", "retraite_depuis": "01/07/2019"}, "retraite_depuis", "au plus tard"),
    ({"recherche": "non", "recherche_depuis": "31/05/2019", "recherche_motif": "autre"},
     "recherche_depuis", "dans le mois déclaré"),
    ({"recherche": "non", "recherche_depuis": "15/06/2019", "recherche_motif": "vacances"},
     "recherche_motif", "Choisissez le motif"),
])
def test_questions_date_rules(extra, field, message):
    _, errors = validate(ALL_NON | extra, JUNE)
    assert field in errors and message in errors[field]


def test_questions_to_form_round_trip():
    raw = ALL_NON | {"travail": "oui", "heures": "35", "salaire": "1234,5", "stage": "oui",
                     "stage_du": "03/06/2019", "stage_au": "14/06/2019"}
    answers, _ = validate(raw, JUNE)
    again, errors = validate(to_form(answers), JUNE)
    assert errors == {} and again == answers


@pytest.mark.parametrize(("cents", "text"), [
    (123456, "1 234,56 €"), (5, "0,05 €"), (100, "1,00 €"), (99_999_999, "999 999,99 €"),
])
def test_questions_amount_display(cents: int, text: str):
    assert montant_fr(cents) == text


@pytest.mark.parametrize(("extra", "field", "message"), [
    ({"stage": "oui", "stage_du": "01/01/0001", "stage_au": "30/06/2019"}, "stage_du",
     "au plus tôt le 01/06/2016"),
    ({"stage": "oui", "stage_du": "01/06/2019", "stage_au": "31/12/9999"}, "stage_au",
     "au plus tard le 30/06/2022"),
    ({"maladie": "oui", "maladie_du": "31/05/2016", "maladie_au": "30/06/2019"}, "maladie_du", "au plus tôt"),
    ({"maternite": "oui", "maternite_debut": "01/01/0001"}, "maternite_debut", "au plus tôt le 01/06/2018"),
    ({"maternite": "oui", "maternite_debut": "31/05/2018"}, "maternite_debut", "au plus tôt"),
    ({"retraite": "oui", "retraite_depuis": "01/01/1900"}, "retraite_depuis", "au plus tôt"),
    ({"invalidite": "oui", "invalidite_depuis": "01/01/1000"}, "invalidite_depuis", "au plus tôt"),
])
def test_questions_dates_far_from_the_declared_month_are_refused(extra, field, message):
    answers, errors = validate(ALL_NON | extra, JUNE)
    assert answers == {} and field in errors and message in errors[field]


@pytest.mark.parametrize("extra", [
    {"stage": "oui", "stage_du": "01/06/2016", "stage_au": "30/06/2022"},
    {"maladie": "oui", "maladie_du": "15/01/2017", "maladie_au": "31/12/2019"},
    {"maternite": "oui", "maternite_debut": "01/06/2018"},
    {"retraite": "oui", "retraite_depuis": "01/06/2016"},
])
def test_questions_dates_within_the_bounds_are_accepted(extra):
    assert validate(ALL_NON | extra, JUNE)[1] == {}


def test_questions_over_long_answer_is_refused_and_not_kept():
    raw = ALL_NON | {"travail": "oui", "heures": "1" * (MAX_INPUT + 1), "salaire": "12"}
    answers, errors = validate(raw, JUNE)
    assert answers == {} and errors == {"heures": TOO_LONG}
    assert "heures" not in form_values(raw) and form_values(raw)["salaire"] == "12"


def test_questions_form_values_keep_only_the_forms_fields():
    raw = ALL_NON | {"csrf_token": "t", "action": "x", "pirate": "y" * 10, "stage_du": "01/06/2019"}
    assert form_values(raw) == ALL_NON | {"stage_du": "01/06/2019"}

"""The 7 questions of « Déclarez votre situation mensuelle », their follow-up fields, the
validation of a submitted form, and the sentences of the confirmation (« vous déclarez : »)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from mock_portal.formats import date_fr, montant_fr
from mock_portal.saisie import (
    SaisieError,
    format_amount_input,
    format_date_input,
    parse_amount,
    parse_date,
    parse_hours,
)
from mock_portal.window import Period

ANSWERS = {"oui": "Oui", "non": "Non"}
MOTIFS = {"reprise": "Reprise du travail", "retraite": "Retraite", "autre": "Autre"}


@dataclass(frozen=True)
class FollowUp:
    name: str
    label: str
    kind: str  # "hours" | "amount" | "date" | "motif"
    suffix: str | None = None
    help_topic: str | None = None


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    help_topic: str
    negative: str
    positive: str
    hint: str | None = None
    # Which answer reveals the follow-ups: « Non » only for the last question.
    details_on: str = "oui"
    follow_ups: tuple[FollowUp, ...] = ()


def _dates(prefix: str) -> tuple[FollowUp, ...]:
    return (FollowUp(f"{prefix}_du", "Du", "date"), FollowUp(f"{prefix}_au", "Au", "date"))


QUESTIONS: tuple[Question, ...] = (
    Question(
        "travail", "Avez-vous travaillé ou exercé une activité non salariée ?", "question_travail",
        negative="ne pas avoir travaillé",
        positive="avoir travaillé {heures} heures pour un salaire brut de {salaire}",
        hint="(créateur ou repreneur d'entreprise, entrepreneur…)",
        follow_ups=(
            FollowUp("heures", "Heures travaillées dans le mois", "hours", "heures", "heures"),
            FollowUp("salaire", "Montant total de votre ou vos salaires bruts réels ou estimés",
                     "amount", "€", "salaire"),
        ),
    ),
    Question("stage", "Avez-vous été en stage ?", "question_stage",
             negative="ne pas avoir été en stage",
             positive="avoir été en stage du {stage_du} au {stage_au}", follow_ups=_dates("stage")),
    Question("maladie", "Avez-vous été en arrêt maladie ?", "question_maladie",
             negative="ne pas avoir été en arrêt maladie",
             positive="avoir été en arrêt maladie du {maladie_du} au {maladie_au}",
             follow_ups=_dates("maladie")),
    Question("maternite", "Avez-vous été en congé maternité ?", "question_maternite",
             negative="ne pas avoir été en congé maternité",
             positive="avoir été en congé maternité à partir du {maternite_debut}",
             follow_ups=(FollowUp("maternite_debut", "Date de début", "date"),)),
    Question("retraite", "Percevez-vous une nouvelle pension retraite ?", "question_retraite",
             negative="ne pas percevoir une nouvelle pension retraite",
             positive="percevoir une nouvelle pension retraite depuis le {retraite_depuis}",
             follow_ups=(FollowUp("retraite_depuis", "Depuis le", "date"),)),
    Question("invalidite",
             "Percevez-vous une nouvelle pension d'invalidité de 2ème ou 3ème catégorie ?",
             "question_invalidite",
             negative="ne pas percevoir une nouvelle pension d'invalidité de 2ème ou 3ème catégorie",
             positive="percevoir une nouvelle pension d'invalidité de 2ème ou 3ème catégorie depuis le "
                      "{invalidite_depuis}",
             follow_ups=(FollowUp("invalidite_depuis", "Depuis le", "date"),)),
    Question("recherche", "Etes-vous toujours à la recherche d'un emploi ?", "question_recherche",
             negative="ne plus être à la recherche d'un emploi depuis le {recherche_depuis} "
                      "(motif : {recherche_motif})",
             positive="être toujours à la recherche d'un emploi", details_on="non",
             follow_ups=(FollowUp("recherche_depuis", "Depuis le", "date"),
                         FollowUp("recherche_motif", "Pour quel motif ?", "motif"))),
)


# The form's own fields: anything else a post carries is ignored, never kept in the session.
FIELDS = tuple(name for q in QUESTIONS for name in (q.name, *(f.name for f in q.follow_ups)))
# Far above any date, amount or number of hours, far below what bloats a session.
MAX_INPUT = 100
TOO_LONG = f"Votre saisie est trop longue : {MAX_INPUT} caractères au maximum."
# How far from the declared month a date may be: a long illness or training began long ago, a
# maternity leave lasts at most 46 weeks; beyond, it is a typing error (« 01/01/0001 »).
YEARS_BEFORE = {"maternite": 1}
YEARS_BEFORE_DEFAULT = 3
YEARS_AFTER = 3


def form_values(raw: Mapping[str, Any]) -> dict[str, str]:
    """What the form shows again and the draft keeps: known fields, each of a bounded length."""
    values = {name: raw.get(name) for name in FIELDS}
    return {name: value for name, value in values.items()
            if isinstance(value, str) and len(value) <= MAX_INPUT}


def form_from_labels(answers: Mapping[str, Any], details: Mapping[str, Any]) -> dict[str, str]:
    """The form a visitor would post, from the words on the page: « Oui »/« Non » by question
    label, follow-up values by question and field label (a motif by its option's label).

    For the testing API, whose callers describe a situation as the tutorial words it. Raises
    ValueError naming what is not on the page; the values themselves are validate()'s business.
    """
    by_label = {question.label: question for question in QUESTIONS}
    words = {label: value for value, label in ANSWERS.items()}
    motifs = {label: value for value, label in MOTIFS.items()}
    form: dict[str, str] = {}
    for label, answer in answers.items():
        question = by_label.get(label)
        if question is None or answer not in words:
            raise ValueError(f"question ou réponse inconnue : {label!r} → {answer!r}")
        form[question.name] = words[answer]
    for label, fields in details.items():
        question = by_label.get(label)
        if question is None or not isinstance(fields, Mapping):
            raise ValueError(f"question inconnue ou champs attendus en objet : {label!r}")
        follow_ups = {follow_up.label: follow_up for follow_up in question.follow_ups}
        for field_label, value in fields.items():
            follow_up = follow_ups.get(field_label)
            if follow_up is None or not isinstance(value, str):
                raise ValueError(f"champ inconnu ou valeur non textuelle : {label!r} → {field_label!r}")
            form[follow_up.name] = motifs.get(value, value) if follow_up.kind == "motif" else value
    return form


def _text(raw: Mapping[str, Any], name: str) -> str:
    value = raw.get(name)
    return value.strip() if isinstance(value, str) else ""


def _too_long(raw: Mapping[str, Any], name: str) -> bool:
    value = raw.get(name)
    return isinstance(value, str) and len(value) > MAX_INPUT


def validate(raw: Mapping[str, Any], period: Period) -> tuple[dict[str, Any], dict[str, str]]:
    """Answers ready to store, and errors by field name in the order of the form."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in QUESTIONS:
        choice = _text(raw, question.name)
        if choice not in ANSWERS:
            errors[question.name] = f"Répondez à la question « {question.label} »."
            continue
        answers[question.name] = choice
        if choice != question.details_on:
            continue
        for follow_up in question.follow_ups:
            if _too_long(raw, follow_up.name):
                errors[follow_up.name] = TOO_LONG
                continue
            try:
                answers[follow_up.name] = _parse(follow_up, _text(raw, follow_up.name))
            except SaisieError as exc:
                errors[follow_up.name] = str(exc)
        _check_dates(question, answers, errors, period)
    errors = {name: errors[name] for name in FIELDS if name in errors}
    return ({} if errors else answers), errors


def _parse(follow_up: FollowUp, text: str) -> Any:
    if follow_up.kind == "hours":
        return parse_hours(text)
    if follow_up.kind == "amount":
        return parse_amount(text)
    if follow_up.kind == "motif":
        if text not in MOTIFS:
            raise SaisieError("Choisissez le motif : reprise du travail, retraite ou autre.")
        return text
    return parse_date(text).isoformat()


def _check_dates(
    question: Question, answers: dict[str, Any], errors: dict[str, str], period: Period
) -> None:
    """Dates must be consistent with the declared month (ISO strings compare as dates)."""
    first, last = period.first_day.isoformat(), period.last_day.isoformat()
    month = f"{date_fr(period.first_day)} au {date_fr(period.last_day)}"
    name = question.name
    if f"{name}_du" in answers and f"{name}_au" in answers:
        start, end = answers[f"{name}_du"], answers[f"{name}_au"]
        if start > last:
            errors[f"{name}_du"] = (
                f"La date de début doit se situer au plus tard le {date_fr(period.last_day)}."
            )
        elif end < start:
            errors[f"{name}_au"] = "La date de fin ne peut pas être avant la date de début."
        elif end < first:
            errors[f"{name}_au"] = f"La période doit concerner le mois déclaré (du {month})."
    for key in (f"{name}_debut", f"{name}_depuis"):
        if key in answers and answers[key] > last:
            errors[key] = f"La date doit se situer au plus tard le {date_fr(period.last_day)}."
    if name == "recherche" and "recherche_depuis" in answers and answers["recherche_depuis"] < first:
        errors["recherche_depuis"] = f"La date doit se situer dans le mois déclaré (du {month})."
    _check_plausible(question, answers, errors, period)


def _check_plausible(
    question: Question, answers: dict[str, Any], errors: dict[str, str], period: Period
) -> None:
    """No date years away from the declared month: the other rules only bound one side."""
    years = YEARS_BEFORE.get(question.name, YEARS_BEFORE_DEFAULT)
    earliest = Period(period.year - years, period.month).first_day
    latest = Period(period.year + YEARS_AFTER, period.month).last_day
    for follow_up in question.follow_ups:
        name = follow_up.name
        if follow_up.kind != "date" or name not in answers or name in errors:
            continue
        if answers[name] < earliest.isoformat():
            errors[name] = f"La date doit se situer au plus tôt le {date_fr(earliest)}."
        elif name.endswith("_au") and answers[name] > latest.isoformat():
            errors[name] = f"La date de fin doit se situer au plus tard le {date_fr(latest)}."


def _display(name: str, value: Any) -> str:
    if name == "salaire":
        return montant_fr(value)
    if name == "recherche_motif":
        return MOTIFS[value].lower()
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return date_fr(date.fromisoformat(value))
    return str(value)


def sentences(answers: Mapping[str, Any]) -> list[str]:
    """One line per question, in the tutorial's words (« ne pas avoir travaillé », …)."""
    lines = []
    for question in QUESTIONS:
        template = question.positive if answers.get(question.name) == "oui" else question.negative
        if answers.get(question.name) == question.details_on:
            details = {f.name: _display(f.name, answers[f.name]) for f in question.follow_ups}
            template = template.format(**details)
        lines.append(template)
    return lines


def to_form(answers: Mapping[str, Any]) -> dict[str, str]:
    """Stored answers back into the strings the form fields show."""
    values: dict[str, str] = {}
    for key, value in answers.items():
        if key == "salaire":
            values[key] = format_amount_input(value)
        elif isinstance(value, str) and len(value) == 10 and value[4] == "-":
            values[key] = format_date_input(date.fromisoformat(value))
        else:
            values[key] = str(value)
    return values


def declared_activity(answers: Mapping[str, Any]) -> bool:
    return answers.get("travail") == "oui"

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import Download, Locator

from mock_portal_testing.pages.base import BasePage

# The tutorial's questions, word for word (Etape 2).
TRAVAIL = "Avez-vous travaillé ou exercé une activité non salariée ?"
STAGE = "Avez-vous été en stage ?"
MALADIE = "Avez-vous été en arrêt maladie ?"
MATERNITE = "Avez-vous été en congé maternité ?"
RETRAITE = "Percevez-vous une nouvelle pension retraite ?"
INVALIDITE = "Percevez-vous une nouvelle pension d'invalidité de 2ème ou 3ème catégorie ?"
RECHERCHE = "Etes-vous toujours à la recherche d'un emploi ?"
QUESTIONS = [TRAVAIL, STAGE, MALADIE, MATERNITE, RETRAITE, INVALIDITE, RECHERCHE]


@dataclass
class Situation:
    """What a test declares: a question's answer, and the follow-up fields to type for it.

    The default is the tutorial's example: « Non » everywhere, still looking for a job.
    """

    answers: dict[str, str] = field(default_factory=lambda: {q: "Non" for q in QUESTIONS[:-1]}
                                    | {RECHERCHE: "Oui"})
    details: dict[str, dict[str, str]] = field(default_factory=dict)

    def but(self, question: str, answer: str, **fields: str) -> Situation:
        """A copy with one question answered differently (fields by label, ``_`` for spaces)."""
        details = dict(self.details)
        if fields:
            details[question] = {name.replace("_", " "): value for name, value in fields.items()}
        return Situation({**self.answers, question: answer}, details)


class FormulairePage(BasePage):
    path = "/actualisation/formulaire"

    def period(self, first: str, last: str) -> Locator:
        return self.page.get_by_text(f"Pour la période du {first} au {last}")

    def question(self, label: str) -> Locator:
        return self.page.get_by_role("group", name=label, exact=True)

    def field(self, question: str, label: str) -> Locator:
        return self.question(question).get_by_label(label, exact=True)

    def help(self, question: str) -> Locator:
        return self.question(question).get_by_role("link", name=re.compile("^Aide sur la question"))

    @property
    def aide_en_ligne(self) -> Locator:
        return self.page.get_by_role("link", name=re.compile("Aide en ligne"))

    @property
    def valider(self) -> Locator:
        return self.page.get_by_role("button", name="Valider", exact=True)

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« Abandonner » then « Valider »: the tutorial's order, on screen and for Tab."""
        return (self.abandonner, self.valider)

    @property
    def abandonner(self) -> Locator:
        return self.page.get_by_role("button", name="Abandonner")

    def answer(self, question: str, choice: str) -> None:
        self.question(question).get_by_label(choice, exact=True).check()

    def fill_situation(self, situation: Situation) -> None:
        for question, choice in situation.answers.items():
            self.answer(question, choice)
            for label, value in situation.details.get(question, {}).items():
                target = self.field(question, label)
                if label == "Pour quel motif ?":
                    self.question(question).get_by_role("group", name=label).get_by_label(
                        value, exact=True).check()
                else:
                    target.fill(value)

    def declare(self, situation: Situation) -> None:
        self.fill_situation(situation)
        self.valider.click()


class ConfirmationPage(BasePage):
    path = "/actualisation/confirmation"

    @property
    def declared(self) -> Locator:
        return self.page.get_by_role("list", name="Votre déclaration").get_by_role("listitem")

    def intro(self, first: str, last: str) -> Locator:
        return self.page.get_by_text(f"Pour la période du {first} au {last}, vous déclarez :")

    @property
    def valider_votre_reponse(self) -> Locator:
        return self.page.get_by_role("button", name="Valider votre réponse")

    @property
    def abandonner(self) -> Locator:
        return self.page.get_by_role("button", name="Abandonner")

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« Abandonner » then « Valider votre réponse »: the tutorial's order, on screen and for Tab."""
        return (self.abandonner, self.valider_votre_reponse)

    @property
    def corriger(self) -> Locator:
        return self.page.get_by_role("link", name="Corriger mes réponses")

    def confirm(self) -> None:
        self.valider_votre_reponse.click()


class ValidationPage(BasePage):
    path = "/actualisation/validation"

    @property
    def validated(self) -> Locator:
        return self.page.get_by_text("Votre déclaration de situation mensuelle a bien été validée le")

    @property
    def deadline(self) -> Locator:
        return self.page.get_by_text(re.compile("Vous avez la possibilité de la modifier jusqu'|"
                                                "Le délai de modification"))

    @property
    def status(self) -> Locator:
        return self.page.get_by_text("État de votre déclaration :")

    @property
    def telecharger(self) -> Locator:
        return self.page.get_by_role("link", name=re.compile(r"^Télécharger le justificatif d'actualisation"))

    @property
    def activite(self) -> Locator:
        return self.page.get_by_text("Vous avez déclaré une activité professionnelle.")

    @property
    def envoyer_un_document(self) -> Locator:
        return self.page.get_by_role("link", name="Envoyer un document")

    @property
    def modifier(self) -> Locator:
        return self.page.get_by_role("link", name="Modifier", exact=True)

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« Retour » then « Modifier »: the tutorial's order, on screen and for Tab."""
        return (self.retour, self.modifier)

    @property
    def retour(self) -> Locator:
        return self.page.get_by_role("link", name="Retour", exact=True)

    def download_justificatif(self) -> Download:
        with self.page.expect_download() as download:
            self.telecharger.click()
        return download.value


class DejaDeclarePage(BasePage):
    path = "/actualisation/deja-declare"

    @property
    def status(self) -> Locator:
        return self.page.get_by_text("État de votre déclaration :")

    @property
    def modifier(self) -> Locator:
        return self.page.get_by_role("link", name="Modifier", exact=True)


class ModificationRefuseePage(BasePage):
    path = "/actualisation/modifier"

    @property
    def refusal(self) -> Locator:
        return self.page.get_by_text("Le délai de modification de votre déclaration est dépassé")


class FermeePage(BasePage):
    """What any actualisation URL shows outside the window."""

    path = "/actualisation"

    def next_opening(self, date: str) -> Locator:
        return self.page.get_by_text(f"La prochaine période d'actualisation ouvrira le {date}")

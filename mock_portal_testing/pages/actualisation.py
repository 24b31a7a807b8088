from __future__ import annotations

import re

from playwright.sync_api import Download, Locator, expect

from mock_portal_testing.pages.base import BasePage
from mock_portal_testing.situations import Situation


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
    def online_help_link(self) -> Locator:
        return self.page.get_by_role("link", name=re.compile("Aide en ligne"))

    @property
    def validate_button(self) -> Locator:
        return self.page.get_by_role("button", name="Valider", exact=True)

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« Abandonner » then « Valider »: the tutorial's order, on screen and for Tab."""
        return (self.abandon, self.validate_button)

    @property
    def abandon(self) -> Locator:
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

    def submit(self, situation: Situation) -> None:
        """Fill and « Valider », wherever the answers lead (the errors, or the confirmation)."""
        self.fill_situation(situation)
        self.validate_button.click()

    def declare(self, situation: Situation) -> None:
        """Fill and « Valider » a situation the form accepts: ends on the confirmation page."""
        self.submit(situation)
        expect(ConfirmationPage(self.page).validate_answer_button).to_be_visible()


class ConfirmationPage(BasePage):
    path = "/actualisation/confirmation"

    @property
    def declared(self) -> Locator:
        return self.page.get_by_role("list", name="Votre déclaration").get_by_role("listitem")

    def intro(self, first: str, last: str) -> Locator:
        return self.page.get_by_text(f"Pour la période du {first} au {last}, vous déclarez :")

    @property
    def validate_answer_button(self) -> Locator:
        return self.page.get_by_role("button", name="Valider votre réponse")

    @property
    def abandon(self) -> Locator:
        return self.page.get_by_role("button", name="Abandonner")

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« Abandonner » then « Valider votre réponse »: the tutorial's order, on screen and for Tab."""
        return (self.abandon, self.validate_answer_button)

    @property
    def correct_link(self) -> Locator:
        return self.page.get_by_role("link", name="Corriger mes réponses")

    def confirm(self) -> None:
        """« Valider votre réponse »: ends on the validation page, the declaration recorded."""
        self.validate_answer_button.click()
        expect(ValidationPage(self.page).validated).to_be_visible()


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
    def download_link(self) -> Locator:
        return self.page.get_by_role("link", name=re.compile(r"^Télécharger le justificatif d'actualisation"))

    @property
    def activity(self) -> Locator:
        return self.page.get_by_text("Vous avez déclaré une activité professionnelle.")

    @property
    def send_document_link(self) -> Locator:
        return self.page.get_by_role("link", name="Envoyer un document")

    @property
    def modify_link(self) -> Locator:
        return self.page.get_by_role("link", name="Modifier", exact=True)

    @property
    def button_pair(self) -> tuple[Locator, Locator]:
        """« Retour » then « Modifier »: the tutorial's order, on screen and for Tab."""
        return (self.back, self.modify_link)

    @property
    def back(self) -> Locator:
        return self.page.get_by_role("link", name="Retour", exact=True)

    def download_justificatif(self) -> Download:
        with self.page.expect_download() as download:
            self.download_link.click()
        return download.value


class DejaDeclarePage(BasePage):
    path = "/actualisation/deja-declare"

    @property
    def status(self) -> Locator:
        return self.page.get_by_text("État de votre déclaration :")

    @property
    def modify_link(self) -> Locator:
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

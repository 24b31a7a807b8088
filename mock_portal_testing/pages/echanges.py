"""« Mes échanges avec Pôle emploi », « Envoyer un document » and its confirmation."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Download, FilePayload, Locator

from mock_portal_testing.pages.base import BasePage

File = Path | FilePayload


class MesEchangesPage(BasePage):
    path = "/mes-echanges"

    def open_from_personal_space(self) -> None:
        """Follow the espace personnel's link (the espace's page object belongs to its screen's
        owner; the link is the way in to this one)."""
        self.page.get_by_role("link", name="Mes échanges avec Pôle emploi").click()

    @property
    def send_document_link(self) -> Locator:
        return self.page.get_by_role("link", name="Envoyer un document")

    @property
    def documents(self) -> Locator:
        """Rows of the « Documents envoyés » table, header excluded."""
        rows = self.page.get_by_role("table").get_by_role("row")
        return rows.filter(has_not=self.page.get_by_role("columnheader"))

    def document(self, file_name: str) -> Locator:
        return self.documents.filter(has=self.page.get_by_role("link", name=file_name, exact=True))

    def document_link(self, file_name: str) -> Locator:
        return self.page.get_by_role("link", name=file_name, exact=True)

    @property
    def no_documents(self) -> Locator:
        return self.page.get_by_text("Vous n'avez envoyé aucun document.")

    def download(self, file_name: str) -> Download:
        with self.page.expect_download() as download:
            self.document_link(file_name).click()
        return download.value


class EnvoyerUnDocumentPage(BasePage):
    path = "/mes-echanges/envoyer-un-document"

    def situation(self, label: str) -> Locator:
        return self.situations.get_by_role("radio", name=label, exact=True)

    def kind(self, label: str) -> Locator:
        return self.kinds.get_by_role("radio", name=label, exact=True)

    @property
    def situations(self) -> Locator:
        return self.page.get_by_role("group", name="Votre situation")

    @property
    def kinds(self) -> Locator:
        return self.page.get_by_role("group", name="Type de document")

    @property
    def file_input(self) -> Locator:
        return self.page.get_by_label("Fichier à envoyer")

    @property
    def send_button(self) -> Locator:
        return self.page.get_by_role("button", name="Envoyer", exact=True)

    @property
    def cancel_link(self) -> Locator:
        return self.page.get_by_role("link", name="Annuler")

    @property
    def help_link(self) -> Locator:
        return self.page.get_by_role("link", name=re.compile("^Aide : comment envoyer un document"))

    def choose(self, subject: str | None, kind: str | None) -> None:
        if subject is not None:
            self.situation(subject).check()
        if kind is not None:
            self.kind(kind).check()

    def send_document(self, file: File | None, subject: str | None = "Salarié",
                      kind: str | None = "Bulletin de salaire") -> None:
        """Fill the form as a user would and send it; ``None`` leaves that part untouched."""
        self.choose(subject, kind)
        if file is not None:
            self.file_input.set_input_files(file)
        self.send_button.click()

    def send_two_files(self, first: File, second: File, subject: str = "Salarié",
                       kind: str = "Bulletin de salaire") -> None:
        """What an old browser or a crafted page could send: the input itself takes one file,
        so it is made to accept two, and the portal must still refuse them."""
        self.choose(subject, kind)
        self.file_input.evaluate("input => { input.multiple = true; }")
        self.file_input.set_input_files([first, second])
        self.send_button.click()

    def summary_link(self, message: str) -> Locator:
        return self.error_summary.get_by_role("link", name=message)


class DocumentEnvoyePage(BasePage):
    path = "/mes-echanges/document-envoye"

    def detail(self, term: str) -> Locator:
        """The value shown for « Objet », « Fichier », « Pages »…"""
        header = self.page.get_by_role("rowheader", name=term, exact=True)
        return self.page.get_by_role("row").filter(has=header).get_by_role("cell")

    @property
    def sent_at(self) -> Locator:
        return self.page.get_by_text(re.compile(r"^Envoyé le "))

    @property
    def my_exchanges_link(self) -> Locator:
        return self.page.get_by_role("link", name="Mes échanges avec Pôle emploi")

    @property
    def send_another_link(self) -> Locator:
        return self.page.get_by_role("link", name="Envoyer un autre document")

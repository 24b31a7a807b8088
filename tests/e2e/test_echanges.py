"""« Mes échanges avec Pôle emploi » → « Envoyer un document », in the browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, Page, expect

from mock_portal_testing.pages import (
    DepartementPage,
    DocumentEnvoyePage,
    EnvoyerUnDocumentPage,
    EspacePersonnelPage,
    MesEchangesPage,
)
from mock_portal_testing.people import Persona
from tests.support.crafted_files import inflating_pdf

FILES = Path(__file__).resolve().parents[2] / "fixtures" / "files"
MAX_SIZE = 5 * 1024 * 1024


def payload(name: str, content: bytes, mime: str = "application/pdf") -> FilePayload:
    return {"name": name, "mimeType": mime, "buffer": content}


@pytest.fixture
def mes_echanges(logged_in: Page, mes_echanges_page: MesEchangesPage) -> MesEchangesPage:
    mes_echanges_page.open_from_personal_space()
    return mes_echanges_page


@pytest.mark.tutorial("CF-rubrique-mes-echanges", "E3-cliquez-envoyer-un-document",
                      "E3-un-seul-fichier-libelle")
def test_echanges_reached_from_the_espace_personnel(
    logged_in: Page, mes_echanges_page: MesEchangesPage, envoyer_un_document_page: EnvoyerUnDocumentPage
):
    mes_echanges_page.open_from_personal_space()
    expect(mes_echanges_page.heading).to_have_text("Mes échanges avec Pôle emploi")
    expect(mes_echanges_page.no_documents).to_be_visible()
    mes_echanges_page.send_document_link.click()
    expect(envoyer_un_document_page.heading).to_have_text("Envoyer un document")
    expect(logged_in.get_by_text("Un seul fichier par envoi")).to_be_visible()
    expect(envoyer_un_document_page.file_input).to_have_accessible_description(
        re.compile("Format PDF, JPEG ou PNG, 5 Mo au maximum")
    )


@pytest.mark.parametrize(("name", "subject", "kind", "pages", "size"), [
    ("bulletin-de-salaire.pdf", "Salarié", "Bulletin de salaire", "1", "2 Ko"),
    ("attestation-employeur-3-pages.pdf", "Salarié", "Attestation employeur", "3", "3 Ko"),
    ("bulletin-photo.jpg", "Non salarié (à votre compte)", "Autre", "1", "13 Ko"),
    ("bulletin-scan.png", "Stage / formation", "Bulletin de salaire", "1", "5 Ko"),
])
@pytest.mark.tutorial("E3-un-seul-fichier-par-envoi")
def test_echanges_send_a_document_then_see_it_listed(
    mes_echanges: MesEchangesPage, envoyer_un_document_page: EnvoyerUnDocumentPage,
    document_envoye_page: DocumentEnvoyePage, name: str, subject: str, kind: str, pages: str, size: str,
):
    mes_echanges.send_document_link.click()
    envoyer_un_document_page.send_document(FILES / name, subject=subject, kind=kind)

    expect(document_envoye_page.heading).to_have_text("Votre document a bien été envoyé")
    expect(document_envoye_page.sent_at).to_have_text("Envoyé le 28/06/2019 à 09h00")
    expect(document_envoye_page.detail("Objet")).to_have_text(f"Actualisation – {subject}")
    expect(document_envoye_page.detail("Type de document")).to_have_text(kind)
    expect(document_envoye_page.detail("Fichier")).to_have_text(name)
    expect(document_envoye_page.detail("Pages")).to_have_text(pages)
    expect(document_envoye_page.detail("Taille")).to_have_text(size)

    document_envoye_page.my_exchanges_link.click()
    expect(mes_echanges.documents).to_have_count(1)
    expect(mes_echanges.document(name).get_by_role("cell")).to_have_text(
        ["28/06/2019 à 09h00", f"Actualisation – {subject}", kind, name, pages, size]
    )
    download = mes_echanges.download(name)
    assert download.suggested_filename == name
    assert Path(download.path()).read_bytes() == (FILES / name).read_bytes()


def test_echanges_documents_listed_newest_first(
    mes_echanges: MesEchangesPage, envoyer_un_document_page: EnvoyerUnDocumentPage,
    document_envoye_page: DocumentEnvoyePage, time_travel,
):
    mes_echanges.send_document_link.click()
    envoyer_un_document_page.send_document(FILES / "bulletin-de-salaire.pdf")
    time_travel.forward(minutes=25)  # within the session's idle timeout
    document_envoye_page.send_another_link.click()
    envoyer_un_document_page.send_document(FILES / "bulletin-scan.png", kind="Autre")
    document_envoye_page.my_exchanges_link.click()
    expect(mes_echanges.documents).to_have_count(2)
    expect(mes_echanges.documents.first).to_contain_text("28/06/2019 à 09h25")
    expect(mes_echanges.documents.first).to_contain_text("bulletin-scan.png")
    expect(mes_echanges.documents.last).to_contain_text("bulletin-de-salaire.pdf")


TOO_LARGE = "Le fichier sélectionné doit faire 5 Mo au maximum."
REFUSALS = {
    "no-file": (None, "Sélectionnez le fichier à envoyer."),
    "empty": (payload("bulletin.pdf", b""), "Le fichier sélectionné est vide."),
    "too-large": ("too-large", TOO_LARGE),
    "executable-renamed-pdf": (FILES / "programme-renomme.pdf",
                               "Le fichier sélectionné doit être un PDF, un JPEG ou un PNG."),
    "text-renamed-png": (payload("scan.png", b"Bulletin de juin", "image/png"),
                         "Le fichier sélectionné doit être un PDF, un JPEG ou un PNG."),
    "corrupt-pdf": (FILES / "bulletin-tronque.pdf", "Le fichier PDF est illisible ou endommagé."),
    # 68 Ko that inflate to 70 MB: refused within its bounds, without holding up the portal.
    "inflating-pdf": ("inflating-pdf", "Le fichier PDF est trop complexe pour être vérifié."),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_echanges_refused_file_message_and_nothing_listed(
    mes_echanges: MesEchangesPage, envoyer_un_document_page: EnvoyerUnDocumentPage,
    tmp_path: Path, case: str,
):
    file, message = REFUSALS[case]
    if file == "too-large":
        file = tmp_path / "bulletin-enorme.pdf"
        data = (FILES / "bulletin-de-salaire.pdf").read_bytes()
        file.write_bytes(data + b"%" * (MAX_SIZE + 1 - len(data)))
    elif file == "inflating-pdf":
        file = payload("bulletin.pdf", inflating_pdf(70_000_000))
    mes_echanges.send_document_link.click()
    form = envoyer_un_document_page
    form.send_document(file, subject="Maladie / maternité", kind="Attestation employeur")

    expect(form.heading).to_have_text("Envoyer un document")
    expect(form.error_summary).to_contain_text(message)
    expect(form.file_input).to_have_accessible_description(re.compile(re.escape(message)))
    expect(form.file_input).to_have_attribute("aria-invalid", "true")
    expect(form.situation("Maladie / maternité")).to_be_checked()
    expect(form.kind("Attestation employeur")).to_be_checked()
    form.summary_link(message).click()
    expect(form.file_input).to_be_focused()

    form.cancel_link.click()
    expect(mes_echanges.no_documents).to_be_visible()
    expect(mes_echanges.documents).to_have_count(0)


@pytest.mark.tutorial("E3-un-seul-fichier-par-envoi")
def test_echanges_two_files_at_once_are_refused(
    mes_echanges: MesEchangesPage, envoyer_un_document_page: EnvoyerUnDocumentPage
):
    mes_echanges.send_document_link.click()
    envoyer_un_document_page.send_two_files(
        FILES / "bulletin-de-salaire.pdf", FILES / "bulletin-scan.png", subject="Retraite", kind="Autre"
    )
    message = "Envoyez un seul fichier à la fois. Un fichier PDF peut contenir plusieurs pages."
    expect(envoyer_un_document_page.error_summary).to_contain_text(message)
    expect(envoyer_un_document_page.file_input).to_have_accessible_description(re.compile(re.escape(message)))
    expect(envoyer_un_document_page.situation("Retraite")).to_be_checked()
    envoyer_un_document_page.cancel_link.click()
    expect(mes_echanges.no_documents).to_be_visible()


def test_echanges_choices_are_required(
    mes_echanges: MesEchangesPage, envoyer_un_document_page: EnvoyerUnDocumentPage
):
    mes_echanges.send_document_link.click()
    form = envoyer_un_document_page
    form.send_document(FILES / "bulletin-de-salaire.pdf", subject=None, kind=None)
    expect(form.error_summary.get_by_role("link")).to_have_text([
        "Sélectionnez votre situation.", "Sélectionnez le type de document.",
    ])
    expect(form.situations).to_have_accessible_description(re.compile("Sélectionnez votre situation."))
    expect(form.kinds).to_have_accessible_description(re.compile("Sélectionnez le type de document."))
    form.summary_link("Sélectionnez votre situation.").click()
    expect(form.situation("Salarié")).to_be_focused()
    form.cancel_link.click()
    expect(mes_echanges.no_documents).to_be_visible()


def test_echanges_another_persona_cannot_see_or_fetch_the_document(
    page: Page, mes_echanges: MesEchangesPage, envoyer_un_document_page: EnvoyerUnDocumentPage,
    document_envoye_page: DocumentEnvoyePage, espace_personnel_page: EspacePersonnelPage,
    personas: dict[str, Persona], base_url: str,
):
    mes_echanges.send_document_link.click()
    envoyer_un_document_page.send_document(FILES / "bulletin-de-salaire.pdf")
    document_envoye_page.my_exchanges_link.click()
    address = mes_echanges.document_link("bulletin-de-salaire.pdf").get_attribute("href")
    assert address is not None and re.search(r"/mes-echanges/documents/\d+$", address)

    page.goto(EspacePersonnelPage.path)
    espace_personnel_page.header.logout()
    page.goto(EspacePersonnelPage.path)
    DepartementPage(page).log_in(personas["salarie"])
    expect(espace_personnel_page.greeting(personas["salarie"].full_name)).to_be_visible()
    mes_echanges.open_from_personal_space()
    expect(mes_echanges.no_documents).to_be_visible()

    number = int(address.rsplit("/", 1)[1])
    for guess in (number, number + 1, 1):
        response = page.request.get(f"{base_url}/mes-echanges/documents/{guess}")
        assert response.status == 404
        assert b"%PDF" not in response.body()
    page.goto(address)
    expect(page.get_by_role("heading", name="Page introuvable")).to_be_visible()


def test_echanges_logged_out_visitor_cannot_fetch_a_document(
    page: Page, mes_echanges: MesEchangesPage, envoyer_un_document_page: EnvoyerUnDocumentPage,
    document_envoye_page: DocumentEnvoyePage, espace_personnel_page: EspacePersonnelPage,
    departement_page: DepartementPage,
):
    mes_echanges.send_document_link.click()
    envoyer_un_document_page.send_document(FILES / "bulletin-scan.png")
    document_envoye_page.my_exchanges_link.click()
    address = mes_echanges.document_link("bulletin-scan.png").get_attribute("href")
    assert address is not None
    page.goto(EspacePersonnelPage.path)
    espace_personnel_page.header.logout()
    page.goto(address)
    expect(departement_page.departement).to_be_visible()

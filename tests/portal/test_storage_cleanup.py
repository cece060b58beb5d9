"""Storage has no rollback: files written by a transaction that fails are removed again, and a
replaced attachment's file goes only once the replacement is committed."""

from __future__ import annotations

from pathlib import Path

import pytest
from rest_framework.exceptions import ValidationError as APIValidationError

from raadhuis.platform import tenancy
from raadhuis.portal import registration
from raadhuis.portal.models import Attachment, Submission
from raadhuis.zgw.documenten import services as documenten
from raadhuis.zgw.zaken import services as zaken
from tests.portal.conftest import PDF, upload
from tests.portal.test_cases import BASE, make_case
from tests.portal.test_request_flow import fill_in, pay, start

pytestmark = pytest.mark.django_db


def stored_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def stored_documents(monkeypatch):
    """The file names the Documenten component stored, in order."""
    names, real = [], documenten.create_document

    def spy(attrs, **kwargs):
        version = real(attrs, **kwargs)
        names.append(version.bestand)
        return version

    monkeypatch.setattr(documenten, "create_document", spy)
    return names


def fail_on_call(monkeypatch, number: int, error: Exception):
    """Make the ``number``-th link of a document to a zaak fail."""
    real, calls = registration.zaak_records.save_zaakinformatieobject, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == number:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(registration.zaak_records, "save_zaakinformatieobject", flaky)


def test_a_failed_registration_removes_the_documents_it_stored(
    resident, gemeente, tmp_path, stored_documents, monkeypatch
):
    submission = start(resident)
    url = fill_in(resident, submission)
    before = stored_files(tmp_path)
    fail_on_call(monkeypatch, 2, RuntimeError("koppeling mislukt"))  # the attachment, after the PDF

    pay(resident, submission, url)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED  # the outbox will retry
    assert len(stored_documents) == 2  # the submission PDF and the attachment were stored ...
    assert stored_files(tmp_path) == before  # ... and removed with the rollback
    attachment = Attachment.all_tenants.get(submission=submission)
    assert attachment.file.storage.exists(attachment.file.name)  # the retry still needs it

    monkeypatch.undo()
    with tenancy.system_scope():
        registration.register(submission.uuid)
    with tenancy.scope_for([gemeente.pk]):
        versions = documenten.latest_versions_for_urls(
            zaken.informatieobject_urls_of(zaken.get_zaak(Submission.all_tenants.get().zaak_uuid)))
    assert {v.bestand for v in versions} <= stored_files(tmp_path)
    assert len(versions) == 2


def test_a_step_that_fails_removes_its_new_upload_and_keeps_the_old_one(
    resident, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    submission = start(resident)
    url = fill_in(resident, submission)
    [old] = Attachment.all_tenants.filter(submission=submission)
    assert old.file.storage.exists(old.file.name)
    before = stored_files(tmp_path)

    real_save = Submission.save

    def failing_save(self, *args, **kwargs):
        if "step" in (kwargs.get("update_fields") or ()):
            raise RuntimeError("database weg")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Submission, "save", failing_save)
    data = {"soort": "bewoner", "kenteken": "AB-123-C", "ingangsdatum": "2030-01-01",
            "kentekenbewijs": upload("nieuw-kentekenbewijs.pdf", PDF + b"nieuw")}
    with pytest.raises(RuntimeError, match="database weg"):
        resident.post(f"{url}/stap/1/", data)

    assert Attachment.all_tenants.filter(submission=submission).get().pk == old.pk
    assert stored_files(tmp_path) == before  # the old file is still there, the new one is gone

    monkeypatch.undo()  # and a replacement that succeeds removes the old file after the commit
    data["kentekenbewijs"] = upload("nieuw-kentekenbewijs.pdf", PDF + b"nieuw")
    with django_capture_on_commit_callbacks(execute=True):
        assert resident.post(f"{url}/stap/1/", data).status_code == 302
    [new] = Attachment.all_tenants.filter(submission=submission)
    assert stored_files(tmp_path) == before - {old.file.name} | {new.file.name}


def test_an_upload_to_a_case_that_fails_leaves_no_document(
    resident, gemeente, persoon, tmp_path, stored_documents, monkeypatch
):
    zaak = make_case(gemeente, persoon.burgerservicenummer)
    before = stored_files(tmp_path)
    fail_on_call(monkeypatch, 1, APIValidationError({"zaak": ["De zaak is afgesloten."]}))
    response = resident.post(f"{BASE}/mijn-zaken/{zaak.uuid}/document-toevoegen/",
                             {"title": "Extra bewijs", "file": upload("bewijs.pdf", PDF)})
    assert response.status_code == 400 and "kon niet bij deze zaak" in response.content.decode()
    assert len(stored_documents) == 1 and stored_files(tmp_path) == before
    with tenancy.scope_for([gemeente.pk]):
        assert not documenten.latest_versions().filter(titel="Extra bewijs").exists()

"""File contents of informatieobjecten: checked, streamed to storage, verified on the way out.

Nothing is held whole in memory: base64 is decoded slice by slice into a temporary file,
parts are read from storage chunk by chunk. Every upload passes the checks (organisation's
size limit, content type from the bytes, virus scan) *before* anything reaches the document
storage, so a rejected upload leaves nothing behind there.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import logging
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import default_storage
from rest_framework import exceptions

from raadhuis.zgw.documenten import clamd, sniffing

logger = logging.getLogger(__name__)

CHUNK = 1024 * 1024
# Base64 is decoded in slices of this many characters (a multiple of 4).
B64_SLICE = 4 * 256 * 1024


class ScannerUnavailable(exceptions.APIException):
    status_code = 503
    default_detail = "De virusscanner is niet bereikbaar; probeer het later opnieuw."
    default_code = "virus-scanner-unavailable"


class ChecksumMismatch(exceptions.APIException):
    """The stored file is not what was stored: never serve it as if it were."""

    status_code = 500
    default_detail = "De inhoud van het informatieobject komt niet overeen met de opgeslagen checksum."
    default_code = "checksum-mismatch"


class MissingFile(exceptions.APIException):
    status_code = 500
    default_detail = "Het bestand van het informatieobject ontbreekt in de opslag."
    default_code = "bestand-ontbreekt"


@dataclass(frozen=True)
class Stored:
    name: str
    size: int
    sha256: str


def reject(field: str, message: str, code: str):
    raise exceptions.ValidationError({field: [exceptions.ErrorDetail(message, code=code)]})


def check_size(size: int | None, limit: int, field: str = "bestandsomvang") -> None:
    if size is not None and size > limit:
        reject(
            field,
            f"Het bestand is groter dan de maximale omvang van {limit} bytes voor deze organisatie.",
            "file-too-large",
        )


# --- Inspection: size, checksum, content type, virus scan ---------------------------------


class Inspector:
    """Sees every byte of an upload once: counts, hashes, keeps the head for sniffing and
    streams to clamd. ``finish`` raises the upload's verdict."""

    def __init__(self, *, formaat: str, limit: int, field: str = "inhoud"):
        self.formaat, self.limit, self.field = formaat, limit, field
        self.size = 0
        self.sha256 = hashlib.sha256()
        self.head = b""
        try:
            self.scan = clamd.start()
        except clamd.ScannerUnavailable as error:
            raise _unavailable(error) from error

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        check_size(self.size, self.limit, self.field)
        self.sha256.update(chunk)
        if len(self.head) < sniffing.HEAD:
            self.head += chunk[: sniffing.HEAD - len(self.head)]
        if self.scan is not None:
            try:
                self.scan.feed(chunk)
            except clamd.ScannerUnavailable as error:
                raise _unavailable(error) from error

    def finish(self) -> str:
        """The hex sha256, once the content passed every check."""
        found = self._scan_verdict()
        if found:
            reject(self.field, f"Het bestand bevat een virus ({found}) en is niet opgeslagen.", "virus-found")
        detected = sniffing.mismatch(self.formaat, self.head) if self.size else None
        if detected:
            reject(
                self.field,
                f"De inhoud is van type {detected}, niet van het opgegeven formaat {self.formaat}.",
                "formaat-mismatch",
            )
        return self.sha256.hexdigest()

    def abort(self) -> None:
        if self.scan is not None:
            self.scan.close()

    def _scan_verdict(self) -> str | None:
        if self.scan is None:
            return None
        try:
            return self.scan.verdict()
        except clamd.ScannerUnavailable as error:
            raise _unavailable(error) from error


def _unavailable(error) -> ScannerUnavailable:
    logger.error("Virus scanner unavailable: %s", error)
    return ScannerUnavailable()


def inspect(chunks: Iterable[bytes], inspector: Inspector) -> str:
    try:
        for chunk in chunks:
            inspector.feed(chunk)
    except BaseException:
        inspector.abort()
        raise
    return inspector.finish()


# --- Intake --------------------------------------------------------------------------------


def store_base64(text: str, *, name: str, formaat: str, limit: int) -> Stored:
    """Decode ``inhoud`` in slices into a temporary file, check it, then store it."""
    with tempfile.TemporaryFile() as spool:
        inspector = Inspector(formaat=formaat, limit=limit)

        def decoded() -> Iterator[bytes]:
            for chunk in _b64_slices(text):
                spool.write(chunk)
                yield chunk

        digest = inspect(decoded(), inspector)
        spool.seek(0)
        return Stored(_save(name, spool, inspector.size), inspector.size, digest)


def _b64_slices(text: str) -> Iterator[bytes]:
    if len(text) % 4:
        reject("inhoud", "De inhoud is geen geldige base64.", "invalid")
    for start in range(0, len(text), B64_SLICE):
        try:
            yield base64.b64decode(text[start : start + B64_SLICE], validate=True)
        except (binascii.Error, ValueError):
            reject("inhoud", "De inhoud is geen geldige base64.", "invalid")


def store_part(upload, *, name: str) -> str:
    """A part as the client sent it (Django spooled it to a temporary file on the way in)."""
    return _save(name, upload, upload.size)


def store_parts(names: list[str], *, name: str, formaat: str, limit: int) -> Stored:
    """Check the parts as one file, then write them as one file, both passes streaming."""
    inspector = Inspector(formaat=formaat, limit=limit)
    digest = inspect(_read_all(names), inspector)
    reader = _Concatenation(names)
    return Stored(_save(name, reader, inspector.size), inspector.size, digest)


def _save(name: str, content, size: int) -> str:
    wrapped = content if isinstance(content, File) else File(content, name=name)
    wrapped.size = size
    wrapped.DEFAULT_CHUNK_SIZE = CHUNK  # storage backends copy in chunks of this size
    return default_storage.save(name, wrapped)


def new_name(organisation_id: int, document_uuid, kind: str = "v") -> str:
    return f"documenten/{organisation_id}/{document_uuid}/{kind}-{uuid.uuid4().hex}"


class _Concatenation(io.RawIOBase):
    """The parts read one after the other, as one readable stream (for storage.save)."""

    def __init__(self, names: list[str]):
        self._chunks = _read_all(names)
        self._buffer = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not len(self._buffer):
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer = memoryview(chunk)
        count = min(len(target), len(self._buffer))
        target[:count] = self._buffer[:count]
        self._buffer = self._buffer[count:]  # a view: no copying of the rest
        return count


# --- Reading -------------------------------------------------------------------------------


def _read_all(names: list[str]) -> Iterator[bytes]:
    for name in names:
        yield from read(name)


def read(name: str, chunk_size: int = CHUNK) -> Iterator[bytes]:
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as error:
        logger.error("Document file %s is missing from storage", name)
        raise MissingFile() from error
    with handle:
        while chunk := handle.read(chunk_size):
            yield chunk


def verify(name: str, expected_sha256: str, expected_size: int | None) -> None:
    """Read the stored file once and compare it with what was stored; raise when it differs."""
    digest, size = hashlib.sha256(), 0
    for chunk in read(name):
        digest.update(chunk)
        size += len(chunk)
    if digest.hexdigest() != expected_sha256 or (expected_size is not None and size != expected_size):
        logger.error(
            "Checksum mismatch for document file %s: stored %s (%s bytes), found %s (%s bytes)",
            name,
            expected_sha256,
            expected_size,
            digest.hexdigest(),
            size,
        )
        raise ChecksumMismatch()


def delete(names: Iterable[str]) -> None:
    for name in names:
        if name:
            try:
                default_storage.delete(name)
            except OSError:  # already gone: nothing to clean
                logger.warning("Could not delete document file %s", name)

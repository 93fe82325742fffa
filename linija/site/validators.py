"""Checks on files the administrator attaches to a page."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# The first bytes of each allowed kind of file, by extension.
SIGNATURES = {
    "pdf": b"%PDF-",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
}


def validate_attachment(file: File) -> None:
    """Accept a PDF, PNG or JPEG file of at most 10 MB whose content matches its extension.

    A file already in storage was checked when it was uploaded and is not opened again.
    """
    if getattr(file, "_committed", False):
        return
    extension = PurePath(file.name or "").suffix.lower().lstrip(".")
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Only PDF, PNG or JPEG files can be attached."), code="attachment_type"
        )
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="attachment_size")
    signature = SIGNATURES[extension]
    file.seek(0)
    head = file.read(len(signature))
    file.seek(0)
    if head != signature:
        raise ValidationError(
            _("The file's content is not a real %(kind)s file."),
            code="attachment_content",
            params={"kind": extension.upper()},
        )

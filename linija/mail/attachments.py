"""Which files a letter may bring in or take out: safe names, a size limit, an allow-list of
types checked by extension *and* by the file's first bytes. Pure functions."""

from __future__ import annotations

import posixpath
import re
import unicodedata

from django.utils.translation import gettext_lazy as _

REFUSALS = {
    "too_large": _("too large"),
    "dangerous": _("a dangerous file type"),
    "not_allowed": _("a file type that is not accepted"),
}
# Extensions people send to a helpline: documents, scans, photos, mail.
ALLOWED = {
    "pdf": "application/pdf",
    "txt": "text/plain",
    "rtf": "application/rtf",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "heic": "image/heic",
    "eml": "message/rfc822",
    "csv": "text/csv",
}
# Never kept, whatever the sender calls them: programs, scripts, macros, disk images, HTML.
DANGEROUS = frozenset(
    {
        "exe",
        "com",
        "scr",
        "pif",
        "bat",
        "cmd",
        "msi",
        "msp",
        "dll",
        "cpl",
        "jar",
        "js",
        "jse",
        "vbs",
        "vbe",
        "wsf",
        "wsh",
        "ps1",
        "psm1",
        "hta",
        "lnk",
        "reg",
        "sh",
        "bash",
        "app",
        "apk",
        "dmg",
        "iso",
        "img",
        "vhd",
        "vhdx",
        "docm",
        "xlsm",
        "pptm",
        "dotm",
        "xltm",
        "html",
        "htm",
        "xhtml",
        "svg",
        "shtml",
        "chm",
        "inf",
        "scf",
        "url",
        "website",
    }
)
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"#!")
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The first bytes each allowed type must start with; types not named here are text-like.
MAGIC = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
    "rtf": (b"{\\rtf",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
    "doc": (OLE,),
    "xls": (OLE,),
}
TEXT_LIKE = frozenset({"txt", "csv", "eml"})
NAME_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]+")
MAX_NAME = 150
# Names Windows keeps for devices, whatever the extension: "CON.txt" cannot be saved there.
RESERVED_NAME = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])\s*(\.|$)", re.IGNORECASE)


def filename_safe(name: str, *, fallback: str = "attachment") -> str:
    """A file name that cannot climb out of a folder or break a header: no path, no control
    characters, no leading dots, no device name of Windows (``CON.txt`` becomes
    ``_CON.txt``), at most 150 characters (keeping the extension)."""
    name = unicodedata.normalize("NFC", name or "")
    name = posixpath.basename(name.replace("\\", "/"))
    name = NAME_UNSAFE.sub("_", name).strip(" ._")
    if not name:
        return fallback
    if RESERVED_NAME.match(name):
        name = f"_{name}"
    stem, dot, extension = name.rpartition(".")
    if dot and len(extension) <= 10 and stem:
        return f"{stem[: MAX_NAME - len(extension) - 1]}.{extension}"
    return name[:MAX_NAME]


def extension_of(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def refusal(*, filename: str, data: bytes, max_bytes: int) -> str:
    """Why a file is not kept ("too_large", "dangerous", "not_allowed"), or "" to keep it."""
    extension = extension_of(filename)
    if extension in DANGEROUS or data.startswith(EXECUTABLE_MAGIC):
        return "dangerous"
    if len(data) > max_bytes:
        return "too_large"
    if extension not in ALLOWED:
        return "not_allowed"
    expected = MAGIC.get(extension)
    if expected is not None and not data.startswith(expected):
        return "not_allowed"
    if extension in TEXT_LIKE and (b"\0" in data[:4096] or data.startswith((ZIP, OLE))):
        return "not_allowed"
    return ""


def content_type_for(filename: str) -> str:
    """The type a kept file is stored and served as: from its (checked) extension."""
    return ALLOWED.get(extension_of(filename), "application/octet-stream")

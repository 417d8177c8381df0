"""CPR numbers: validation, the searchable hash, encryption at rest and masking.

A CPR number is DDMMYY-SSSS. The first digit of SSSS decides the century (CPR-kontoret's table). The
modulus-11 check is not applied: numbers without it have been issued since 2007.

Only two forms are stored: an HMAC-SHA256 of the normalised number (keyed by CPR_HASH_KEY, for exact
search) and a Fernet token (keyed by CPR_ENCRYPTION_KEYS, to reveal it on request). The number never
goes into logs, e-mails, exports or the portal; screens show the masked form DDMMYY-XXXX.
"""

import datetime
import hashlib
import hmac
import re
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_CPR_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


def _century(year2: int, seventh: int) -> int:
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if year2 <= 36 else 1900
    # 5-8
    return 2000 if year2 <= 57 else 1800


def parse(value: str) -> tuple[str, datetime.date]:
    """Returns (the normalised ten digits, the birth date) or raises ValidationError in Danish."""
    cleaned = (value or "").strip().replace(" ", "")
    match = _CPR_RE.match(cleaned)
    if not match:
        raise ValidationError(_("Skriv CPR-nummeret som 10 cifre, fx 010190-1234."), code="cpr_format")
    day, month, year2, serial = int(match[1]), int(match[2]), int(match[3]), match[4]
    year = _century(year2, int(serial[0])) + year2
    try:
        born = datetime.date(year, month, day)
    except ValueError:
        raise ValidationError(
            _("De første seks cifre skal være en gyldig fødselsdato (DDMMÅÅ)."), code="cpr_date"
        ) from None
    # Today in Copenhagen, not on the server's clock (UTC): between midnight and one (two in summer) they differ.
    if born > timezone.localdate():
        raise ValidationError(_("Fødselsdatoen i CPR-nummeret ligger i fremtiden."), code="cpr_future")
    return f"{match[1]}{match[2]}{match[3]}{serial}", born


def search_hash(normalised: str) -> str:
    return hmac.new(settings.CPR_HASH_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt(normalised: str) -> str:
    return _fernet(tuple(settings.CPR_ENCRYPTION_KEYS)).encrypt(normalised.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(tuple(settings.CPR_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()


def formatted(normalised: str) -> str:
    return f"{normalised[:6]}-{normalised[6:]}"


def masked(born: datetime.date | None) -> str:
    """DDMMYY-XXXX from the stored birth date, so lists never decrypt anything."""
    if born is None:
        return ""
    return f"{born:%d%m%y}-XXXX"

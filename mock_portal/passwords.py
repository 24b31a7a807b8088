"""Password hashing (scrypt from the standard library)."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets

# Cheap enough to seed a test database in milliseconds (hashes are cached per process) while
# still being a real memory-hard hash: a mock must not teach storing passwords in clear.
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P)
    return f"scrypt${_b64(salt)}${_b64(digest)}"


@functools.lru_cache(maxsize=256)
def seed_hash(password: str) -> str:
    """The hash used when seeding personas: computed once per process, reused at every reset."""
    return hash_password(password)


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(password.encode(), salt=_unb64(salt), n=_N, r=_R, p=_P)
    return hmac.compare_digest(candidate, _unb64(digest))


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

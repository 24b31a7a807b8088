"""Where the portal "sends" codes and identifiants: by mail or by SMS."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """A ``str`` enum: ``Channel.EMAIL == "email"``, so callers passing plain strings keep working."""

    EMAIL = "email"
    SMS = "sms"

    @classmethod
    def parse(cls, value: str) -> Channel:
        """The channel named ``value``; a clear ValueError for anything else (``"mail"``...)."""
        try:
            return cls(value)
        except ValueError:
            valid = ", ".join(f"{member.value!r} (Channel.{member.name})" for member in cls)
            raise ValueError(f"unknown channel {value!r}: use one of {valid}") from None

"""The credential providers a user can sign in with, and how each one proves a credential."""

from __future__ import annotations

from enum import StrEnum


class Provider(StrEnum):
    """A credential provider: the Government of Canada's GCKey, or a bank's Sign-In Partner."""

    GCKEY = "gckey"
    SIGN_IN_PARTNER = "sign_in_partner"


class ProviderMode(StrEnum):
    """How a provider is reached: OpenID Connect to the real one, or the built-in local one."""

    LOCAL = "local"
    OIDC = "oidc"

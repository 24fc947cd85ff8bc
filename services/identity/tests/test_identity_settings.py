"""Settings that would break the service are refused when it starts, naming the variables."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from cers_identity.config import IdentitySettings


def test_a_retired_key_stays_published_at_least_as_long_as_a_token_lives() -> None:
    assert IdentitySettings(access_token_ttl_s=300, retired_key_published_s=300)
    with pytest.raises(ValidationError, match="CERS_RETIRED_KEY_PUBLISHED_S must be at least"):
        IdentitySettings(access_token_ttl_s=300, retired_key_published_s=299)


def test_an_oidc_provider_needs_its_issuer_client_and_redirect() -> None:
    with pytest.raises(ValidationError) as refused:
        IdentitySettings(gckey_mode="oidc", gckey_oidc_client_id="cers")
    assert "CERS_GCKEY_OIDC_ISSUER" in str(refused.value)
    assert "CERS_GCKEY_OIDC_REDIRECT_URI" in str(refused.value)
    assert "CERS_GCKEY_OIDC_CLIENT_ID" not in str(refused.value)

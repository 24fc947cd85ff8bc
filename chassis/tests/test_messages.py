"""The chassis' message texts: every request-shape error pydantic can give a request, the
framework's HTTP refusals and the chassis' own codes, in English and French, served with each
service's keys at ``GET /v1/messages``."""

from __future__ import annotations

import pydantic_core
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

import cers_chassis
from cers_chassis.common_messages import COMMON_MESSAGES
from cers_chassis.errors import install_error_handlers
from cers_chassis.messages import message_catalog, messages_router
from tests.fixtures.message_codes import assert_bilingual, composed_codes, literal_codes

PYTHON_ONLY = {
    # Validating Python objects, attributes or function calls: no HTTP request can cause them.
    "no_such_attribute",
    "needs_python_object",
    "recursion_loop",
    "frozen_field",
    "frozen_instance",
    "get_attribute_error",
    "model_attributes_type",
    "dataclass_exact_type",
    "is_instance_of",
    "is_subclass_of",
    "callable_type",
    "iteration_error",
    "set_item_not_hashable",
    "datetime_object_invalid",
    "missing_sentinel_error",
    "ellipsis_error",
    "arguments_type",
    "missing_argument",
    "unexpected_keyword_argument",
    "missing_keyword_only_argument",
    "unexpected_positional_argument",
    "missing_positional_only_argument",
    "multiple_argument_values",
}


def test_every_error_type_a_request_can_cause_has_english_and_french_text() -> None:
    known = {error["type"] for error in pydantic_core._pydantic_core.list_all_errors()}
    translated = {code.removeprefix("field.") for code in COMMON_MESSAGES if code[:6] == "field."}
    assert sorted(known - translated - PYTHON_ONLY) == [], "new pydantic error types"
    assert sorted(translated - known) == [] and sorted(PYTHON_ONLY - known) == []
    assert translated & PYTHON_ONLY == set()
    assert_bilingual(COMMON_MESSAGES)


def test_the_chassis_own_codes_have_texts() -> None:
    assert composed_codes(cers_chassis, "field") == {
        "f\"field.{error.get('type', 'invalid')}\"",  # errors.problems_from_validation
        "f'field.{error_type}'",  # common_messages: the keys of the texts
    }
    assert composed_codes(cers_chassis, "http") == {"f'http.{error.status_code}'"}
    own = literal_codes(cers_chassis, "auth") | literal_codes(cers_chassis, "authorization")
    assert "auth.token_missing" in own and "authorization.forbidden" in own
    assert sorted(own - set(COMMON_MESSAGES)) == []


class Body(BaseModel):
    name: str = Field(min_length=2)
    count: int


def app() -> FastAPI:
    application = FastAPI()
    install_error_handlers(application)
    application.include_router(messages_router({"things.name.taken": ("Taken.", "Déjà pris.")}))

    @application.post("/things")
    async def create(body: Body) -> dict[str, str]:
        return {"name": body.name}

    return application


def test_get_messages_serves_the_service_texts_and_the_shape_errors_in_french() -> None:
    client = TestClient(app())
    served = client.get("/v1/messages")
    assert served.status_code == 200
    assert served.headers["cache-control"] == "public, max-age=86400"
    catalog = served.json()["messages"]
    assert catalog["things.name.taken"] == {"en": "Taken.", "fr": "Déjà pris."}
    refused = client.post("/things", json={"name": "x", "count": "many"}).json()["errors"]
    texts = {p["code"]: catalog[p["code"]]["fr"].format(**p["params"]) for p in refused}
    assert texts == {
        "field.string_too_short": "Entrez au moins 2 caractère(s).",
        "field.int_parsing": "Entrez un nombre entier.",
    }
    unknown = client.get("/nowhere").json()["errors"][0]["code"]
    assert catalog[unknown]["fr"] == "L'élément demandé est introuvable."


def test_a_service_cannot_redefine_a_chassis_text() -> None:
    with pytest.raises(ValueError, match=r"field\.missing"):
        message_catalog({"field.missing": ("Required.", "Requis.")})

"""The one error format: field problems name their JSON pointer and rule, never a 500."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from cers_chassis.errors import ApiError, FieldProblem, install_error_handlers, json_pointer


class Profile(BaseModel):
    email: str = Field(max_length=5)


class Body(BaseModel):
    name: str = Field(min_length=2)
    profiles: list[Profile]


def app() -> FastAPI:
    application = FastAPI()
    install_error_handlers(application)

    @application.post("/things")
    async def create(body: Body) -> dict[str, str]:
        if body.name == "taken":
            raise ApiError(409, [FieldProblem("/name", "things.name.taken", "Name is taken.")])
        return {"name": body.name}

    return application


def test_validation_errors_name_each_field_by_json_pointer() -> None:
    response = TestClient(app()).post(
        "/things", json={"name": "x", "profiles": [{"email": "far-too-long"}]}
    )
    assert response.status_code == 422
    problems = {p["pointer"]: p for p in response.json()["errors"]}
    assert problems["/name"]["code"] == "field.string_too_short"
    assert problems["/name"]["params"] == {"min_length": 2}
    assert problems["/profiles/0/email"]["code"] == "field.string_too_long"


def test_api_errors_keep_their_status_and_problems() -> None:
    response = TestClient(app()).post("/things", json={"name": "taken", "profiles": []})
    assert response.status_code == 409
    assert response.json() == {
        "errors": [
            {
                "pointer": "/name",
                "code": "things.name.taken",
                "message": "Name is taken.",
                "params": {},
            }
        ]
    }


def test_unknown_paths_and_wrong_methods_answer_in_the_same_format() -> None:
    client = TestClient(app())
    missing = client.get("/nowhere")
    wrong_method = client.get("/things")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["code"] == "http.404"
    assert wrong_method.status_code == 405
    assert wrong_method.json()["errors"][0]["code"] == "http.405"
    assert wrong_method.headers["allow"] == "POST"


def test_json_pointer_escapes_and_drops_the_body_prefix() -> None:
    assert json_pointer(("body", "a/b", 0, "c~d")) == "/a~1b/0/c~0d"
    assert json_pointer(()) == ""

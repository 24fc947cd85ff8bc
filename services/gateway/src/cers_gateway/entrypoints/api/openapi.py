"""The API's OpenAPI document (with the body models and required ``Idempotency-Key`` headers)
and a plain documentation page generated from it (no script: the portal's CSP holds)."""

import html
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from pydantic.json_schema import models_json_schema

from cers_gateway.entrypoints.api.bodies import BODY_MODELS
from cers_gateway.entrypoints.api.idempotent import IDEMPOTENCY_HEADER

DESCRIPTION = """The CERS public API for filing software: business accounts, user access,
bulletins, drafts and export declarations. Authenticate with a personal access token made in
My Profile: `Authorization: Bearer cers_pat_...`. A token reaches only the business accounts it
names, and a read token only reads (GET). Every create (POST) needs an `Idempotency-Key`.
Errors: `{"errors": [{"pointer", "code", "message", "params"}]}`."""


def install_openapi(api: FastAPI) -> None:
    """Make ``api.openapi()`` describe the bodies and the required idempotency keys."""

    def openapi() -> dict[str, Any]:
        if api.openapi_schema:
            return api.openapi_schema
        document = get_openapi(
            title=api.title,
            version=api.version,
            description=DESCRIPTION,
            routes=api.routes,
            servers=api.servers,
        )
        _, definitions = models_json_schema(
            [(model, "validation") for model in BODY_MODELS.values()],
            ref_template="#/components/schemas/{model}",
        )
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(definitions.get("$defs", {}))
        for operation in _operations(document):
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "header" and parameter.get("name") == IDEMPOTENCY_HEADER:
                    parameter["required"] = True
                    parameter["schema"] = {"type": "string", "minLength": 1, "maxLength": 128}
        api.openapi_schema = document
        return document

    api.openapi = openapi  # type: ignore[method-assign]


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        operation
        for item in document.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict)
    ]


docs_router = APIRouter()


@docs_router.get("/docs", include_in_schema=False)
async def docs(request: Request) -> HTMLResponse:
    """Every operation, its summary and description, and a link to the OpenAPI document."""
    document = request.app.openapi()
    base = request.scope.get("root_path", "")
    rows = []
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            summary = html.escape(str(operation.get("summary", "")))
            detail = html.escape(str(operation.get("description", "")))
            rows.append(
                f"<tr><td><code>{method.upper()}</code></td><td><code>{html.escape(base + path)}"
                f"</code></td><td><strong>{summary}</strong><br>{detail}</td></tr>"
            )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(document["info"]["title"])}</title>
<link rel="stylesheet" href="/static/portal.css"></head>
<body><main><h1>{html.escape(document["info"]["title"])}</h1>
<p>{html.escape(DESCRIPTION)}</p>
<p>Machine-readable: <a href="{html.escape(base)}/openapi.json">openapi.json</a>.</p>
<table><caption>Operations</caption>
<thead><tr><th scope="col">Method</th><th scope="col">Path</th>
<th scope="col">What</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></main></body></html>"""
    return HTMLResponse(page)

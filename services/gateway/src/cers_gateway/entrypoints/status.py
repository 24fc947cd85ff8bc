"""The system status page (EN/FR): the readiness of each service behind the gateway (for SREs)."""

from __future__ import annotations

import asyncio
import html

import httpx
from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from cers_gateway.config import GatewaySettings

TIMEOUT_S = 2.0


async def _ready(client: httpx.AsyncClient, url: str) -> bool:
    try:
        response = await client.get(f"{url}/readyz", timeout=TIMEOUT_S)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def status_router(settings: GatewaySettings) -> APIRouter:
    """``/status`` shows each service as ready or not ready."""
    router = APIRouter()

    @router.get("/status", response_class=HTMLResponse)
    async def status() -> HTMLResponse:
        async with httpx.AsyncClient() as client:
            names = sorted(settings.service_urls)
            results = await asyncio.gather(
                *(_ready(client, settings.service_urls[name]) for name in names)
            )
        rows = "\n".join(
            f"<tr><th scope='row'>{html.escape(name)}</th>"
            f"<td>{'Ready / Prêt' if ok else 'Not ready / Pas prêt'}</td></tr>"
            for name, ok in zip(names, results, strict=True)
        )
        page = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>CERS system status / État du système CERS</title></head>
<body>
<main>
<h1>CERS system status <span lang="fr">/ État du système CERS</span></h1>
<p><a href="/">Exporter portal</a>
<span lang="fr">/ <a href="/">Portail des exportateurs</a></span></p>
<table>
<caption>Services</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Status / État</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body>
</html>"""
        return HTMLResponse(page, status_code=200 if all(results) else 503)

    return router

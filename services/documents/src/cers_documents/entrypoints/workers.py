"""The service's own loop: warn about expiring drafts and delete expired ones."""

from __future__ import annotations

from collections.abc import Callable

from cers_chassis.loops import repeat
from cers_chassis.service import BackgroundWork, ServiceRuntime
from cers_documents.entrypoints.wiring import Wiring
from cers_documents.service_layer import drafts


def document_workers(
    wiring: Wiring,
) -> Callable[[ServiceRuntime], list[tuple[str, BackgroundWork]]]:
    """The worker factory for ``create_service_app``."""

    def build(runtime: ServiceRuntime) -> list[tuple[str, BackgroundWork]]:
        uow = wiring.unit_of_work(runtime)

        async def step() -> None:
            await drafts.warn_and_expire(uow, wiring.clock())

        async def expire_drafts() -> None:
            await repeat(
                step, interval_s=wiring.settings.draft_expiry_interval_s, what="draft expiry"
            )

        return [("draft-expiry", expire_drafts)]

    return build

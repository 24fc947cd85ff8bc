"""What the routes, consumers and workers share: settings, clock, unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from cers_chassis.outbox import Outbox
from cers_chassis.service import ServiceRuntime
from cers_notifications.config import NotificationsSettings
from cers_notifications.service_layer.clock import Clock
from cers_notifications.service_layer.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Wiring:
    """One per app (``app.state.wiring``)."""

    settings: NotificationsSettings
    clock: Clock

    def unit_of_work(self, runtime: ServiceRuntime) -> UnitOfWork:
        """Transactions on the service's database, with its outbox."""
        if runtime.sessions is None:
            raise RuntimeError("the notifications service needs its database (CERS_DATABASE_URL)")
        return UnitOfWork(
            runtime.sessions, Outbox(self.settings.source), self.settings.message_id_domain
        )


def wiring(request: Request) -> Wiring:
    """The app's wiring (a FastAPI dependency)."""
    found: Wiring = request.app.state.wiring
    return found


def unit_of_work(request: Request) -> UnitOfWork:
    """A unit of work on the app's database (a FastAPI dependency)."""
    return wiring(request).unit_of_work(request.app.state.runtime)


def clock(request: Request) -> Clock:
    """The app's clock (a FastAPI dependency)."""
    return wiring(request).clock


Transactions = Annotated[UnitOfWork, Depends(unit_of_work)]
Now = Annotated[Clock, Depends(clock)]

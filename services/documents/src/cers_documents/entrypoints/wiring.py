"""What the routes, consumers and workers share: settings, clock, validator, unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_chassis.authorization import Authorizer
from cers_chassis.outbox import Outbox
from cers_chassis.service import ServiceRuntime
from cers_documents.config import DocumentsSettings
from cers_documents.service_layer.clock import Clock
from cers_documents.service_layer.unit_of_work import UnitOfWork
from cers_documents.service_layer.validation import Validator


@dataclass(frozen=True)
class Wiring:
    """One per app (``app.state.wiring``)."""

    settings: DocumentsSettings
    clock: Clock
    validator: Validator

    def unit_of_work(self, runtime: ServiceRuntime) -> UnitOfWork:
        """Transactions on the service's database, with its outbox."""
        return UnitOfWork(self.sessions(runtime), Outbox(self.settings.source))

    def authorizer(self, runtime: ServiceRuntime) -> Authorizer:
        """Authorization questions on the service's replica."""
        return Authorizer(self.sessions(runtime))

    @staticmethod
    def sessions(runtime: ServiceRuntime) -> async_sessionmaker[AsyncSession]:
        """The runtime's sessions; the service cannot run without its database."""
        if runtime.sessions is None:
            raise RuntimeError("the documents service needs its database (CERS_DATABASE_URL)")
        return runtime.sessions


def wiring(request: Request) -> Wiring:
    """The app's wiring (a FastAPI dependency)."""
    found: Wiring = request.app.state.wiring
    return found


def unit_of_work(request: Request) -> UnitOfWork:
    """A unit of work on the app's database (a FastAPI dependency)."""
    return wiring(request).unit_of_work(request.app.state.runtime)


Wired = Annotated[Wiring, Depends(wiring)]
Transactions = Annotated[UnitOfWork, Depends(unit_of_work)]

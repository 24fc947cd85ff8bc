"""What the Export Documents pages share: the account and its rights, the findings panels, the
reporting cut-off countdown and the labels of statuses and codes."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from babel.dates import format_timedelta
from fastapi.responses import Response

from cers_contracts.authorization import Action
from cers_gateway.domain.forms import FormErrors, Problem, form_errors
from cers_gateway.entrypoints.portal.accounts import account_page, rights_of
from cers_gateway.entrypoints.portal.context import NotAllowed, Visit
from cers_gateway.entrypoints.portal.declaration_form import ALIASES, code_label, code_options
from cers_gateway.entrypoints.portal.i18n import BABEL_LOCALES, N_
from cers_gateway.entrypoints.portal.iso_selects import iso_selects
from cers_gateway.entrypoints.portal.provider import page_account

FILE = Action.FILE_DOCUMENTS.value

SEVERITIES = ("error", "warning", "info")
STATUSES = {
    "original": N_("Original"),
    "amended": N_("Amended"),
    "void_requested": N_("Void requested"),
    "voided": N_("Voided"),
}
DOCUMENT_PAGES = {
    "new": N_("Create Export Document"),
    "drafts": N_("Draft Documents"),
    "submitted": N_("Submitted Documents"),
}


async def documents_page(
    current: Visit,
    account_id: str,
    template: str,
    *,
    must_file: bool = False,
    account: dict[str, Any] | None = None,
    **context: Any,
) -> Response:
    """A page of the Export Documents tab (NotAllowed when ``must_file`` and the user may not
    file documents for the account, e.g. an Account Browser)."""
    if account is None:
        account = await page_account(current, account_id)
    if must_file and not rights_of(current, account)[FILE]:
        raise NotAllowed
    return await account_page(
        current,
        account_id,
        template,
        account=account,
        tab="documents",
        document_pages=DOCUMENT_PAGES,
        statuses=STATUSES,
        codes=code_options(current.web.language),
        iso=iso_selects(current.web.language),
        code=lambda table, value: code_label(table, value, current.web.language),
        countdown=lambda cutoff: countdown(current, cutoff),
        **context,
    )


@dataclass(frozen=True)
class Findings:
    """The findings of a check or a refused submission: errors, warnings and infos."""

    errors: FormErrors = field(default_factory=FormErrors)
    warnings: FormErrors = field(default_factory=FormErrors)
    infos: FormErrors = field(default_factory=FormErrors)


def within_content(problem: Problem) -> Problem:
    """A problem of an amendment's ``/content/...`` as a pointer into the declaration form."""
    pointer = problem.pointer
    if pointer == "/content" or pointer.startswith("/content/"):
        return dataclasses.replace(problem, pointer=pointer[len("/content") :])
    return problem


async def findings_of(
    current: Visit, found: Iterable[Mapping[str, Any]], field_ids: Collection[str]
) -> Findings:
    """The findings (``{severity, pointer, code, message, params}``) mapped to form fields,
    in the user's language."""
    by_severity: dict[str, list[Problem]] = {"error": [], "warning": [], "info": []}
    for finding in found:
        severity = str(finding.get("severity", "error"))
        by_severity.setdefault(severity, []).append(Problem.of(finding))
    mapped = [await problems_of(current, by_severity[s], field_ids) for s in SEVERITIES]
    return Findings(*mapped)


async def problems_of(
    current: Visit, problems: Iterable[Problem], field_ids: Collection[str]
) -> FormErrors:
    """Problems about a declaration (or an amendment's ``/content``) beside their form fields,
    in the user's language."""
    await current.portal.texts.refresh()
    inside = [within_content(p) for p in problems]
    return form_errors(inside, field_ids, current.describe, ALIASES)


def countdown(current: Visit, cutoff: Mapping[str, Any] | None) -> str:
    """The time left until the reporting cut-off (or how late it is), in the user's language."""
    if not cutoff:
        return ""
    seconds = int(cutoff.get("remaining_seconds", 0))
    span = format_timedelta(
        timedelta(seconds=abs(seconds)),
        granularity="minute",
        locale=BABEL_LOCALES[current.web.language],
    )
    at = current.when(cutoff.get("at"))
    if seconds < 0:
        return current.t(
            "Late: the reporting cut-off was %(time)s (%(span)s ago).", time=at, span=span
        )
    return current.t("Report by %(time)s (%(span)s left).", time=at, span=span)

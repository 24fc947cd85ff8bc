"""Properties of ``check`` on arbitrary declarations: it never raises, and pointers resolve."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from types import UnionType
from typing import Any, Union, get_args, get_origin

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from cers_contracts.codes import EXPORT_REASONS, MODES_OF_TRANSPORT, PORTS_OF_EXIT
from cers_contracts.documents import DeclarationContent
from cers_documents.domain.messages import MESSAGES
from cers_documents.domain.rules import check
from services.documents.tests.documents_rules_examples import CEC, context


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _code(valid: list[str], max_size: int) -> st.SearchStrategy[str | None]:
    return _maybe(st.sampled_from(valid) | st.text(max_size=max_size))


def _decimal(places: int) -> st.SearchStrategy[Decimal | None]:
    return _maybe(
        st.decimals(
            min_value=Decimal("-1e6"),
            max_value=Decimal("1e12"),
            places=places,
            allow_nan=False,
            allow_infinity=False,
        )
    )


_HS_CODES = ["0101.21.00", "01012100", "8606.99.00", "1234.56.78", "0101.21.99", "12"]
_ZONES = st.sampled_from([UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=14))])

_addresses = st.fixed_dictionaries(  # a draft's address may lack any part
    {
        "line1": _maybe(st.just("1 Main")),
        "city": _maybe(st.just("X")),
        "country": _code(["DE", "US", "CA"], 2),
    }
)

_lines = st.fixed_dictionaries(
    {
        "export_hs_code": _code(_HS_CODES, 16),
        "description": _maybe(st.text(max_size=20)),
        "quantity": _decimal(3),
        "quantity_uom": _code(["NMB", "KGM", "TNE"], 8),
        "value_fob": _decimal(2),
        "gross_weight": _decimal(3),
        "weight_uom": _code(["KGM", "LBR"], 8),
        "country_of_origin": _code(["CA", "US", "CN"], 2),
        "province_of_origin": _code(["CA-ON", "CA-QC", "US-NY"], 6),
        "controlled": st.booleans(),
    }
)

declarations = st.fixed_dictionaries(
    {
        "consignee": _maybe(
            st.fixed_dictionaries(
                {"name": _maybe(st.text(max_size=10)), "address": _maybe(_addresses)}
            )
        ),
        "service_provider": _maybe(
            st.fixed_dictionaries(
                {
                    "business_number": _code(["123456782RM0001", "123456789RM0001"], 15),
                    "address": _maybe(_addresses),
                }
            )
        ),
        "export_reason": _code(list(EXPORT_REASONS.codes()), 8),
        "mode_of_transport": _code(list(MODES_OF_TRANSPORT.codes()), 8),
        "port_of_exit": _code(list(PORTS_OF_EXIT.codes()), 8),
        "country_of_final_destination": _code(["US", "DE", "CA"], 2),
        "estimated_export_at": _maybe(st.datetimes(timezones=_ZONES)),
        "vessel_name": _maybe(st.text(max_size=10)),
        "containerized": st.booleans(),
        "container_numbers": st.lists(
            st.sampled_from(["CSQU3054383", "CSQU3054384"]) | st.text(max_size=12), max_size=3
        ),
        "permits": st.lists(
            st.fixed_dictionaries({"number": _maybe(st.text(max_size=5))}), max_size=2
        ),
        "currency": _code(["CAD", "USD", "EUR", "XAF"], 3),
        "domestic_freight": _decimal(2),
        "lines": st.lists(_lines, max_size=4),
    }
).map(DeclarationContent.model_validate)


def _resolves(pointer: str, content: DeclarationContent) -> bool:
    """Whether ``pointer`` names a field of the model (list indices within the actual list)."""
    annotation: Any = DeclarationContent
    value: Any = content
    for part in pointer.split("/")[1:]:
        annotation = _without_none(annotation)
        if get_origin(annotation) is list:
            if not part.isdigit() or value is None or int(part) >= len(value):
                return False
            annotation, value = get_args(annotation)[0], value[int(part)]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if part not in annotation.model_fields:
                return False
            annotation = annotation.model_fields[part].annotation
            value = None if value is None else getattr(value, part)
        else:
            return False
    return True


def _without_none(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, UnionType):
        [annotation] = [arg for arg in get_args(annotation) if arg is not type(None)]
    return annotation


@settings(max_examples=300, deadline=None)
@given(content=declarations, with_cec=st.booleans(), now=st.datetimes(timezones=st.just(UTC)))
def test_check_never_raises_and_every_pointer_resolves(
    content: DeclarationContent, with_cec: bool, now: datetime
) -> None:
    findings = check(content, context(now=now, classification=CEC if with_cec else None))

    for finding in findings:
        assert _resolves(finding.pointer, content), finding.pointer
        assert finding.code in MESSAGES


def test_the_resolver_refuses_paths_outside_the_model() -> None:
    content = DeclarationContent.model_validate({"lines": [{}]})

    assert _resolves("/lines/0/export_hs_code", content)
    assert _resolves("/consignee/address/country", content)
    assert not _resolves("/lines/1/export_hs_code", content)
    assert not _resolves("/lines/0/nonsense", content)
    assert not _resolves("/port_of_exit/0", content)

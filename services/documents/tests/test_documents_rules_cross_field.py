"""Rules across fields: vessel, containers, port and mode, permits, timing, not-required infos."""

from __future__ import annotations

from datetime import timedelta

from cers_documents.domain.rules import check
from services.documents.tests.documents_rules_examples import (
    NOW,
    content,
    context,
    found,
    valid_line,
)


def test_a_marine_shipment_names_its_vessel() -> None:
    [finding] = found("documents.vessel_name.mandatory", vessel_name=" ")

    assert (finding.severity, finding.pointer) == ("error", "/vessel_name")
    assert not found("documents.vessel_name.mandatory")
    highway = {"mode_of_transport": "2", "port_of_exit": "0440", "vessel_name": None}
    assert not found("documents.vessel_name.mandatory", **highway)


def test_a_containerized_shipment_lists_a_container() -> None:
    [finding] = found("documents.container_numbers.mandatory", container_numbers=[])

    assert finding.pointer == "/container_numbers"
    assert not found("documents.container_numbers.mandatory")
    assert not found(
        "documents.container_numbers.mandatory", containerized=False, container_numbers=[]
    )


def test_container_numbers_carry_an_iso_6346_check_digit() -> None:
    numbers = ["CSQU3054383", "CSQU3054384", "NOTACONTAINER"]

    invalid = found("documents.container_numbers.invalid", container_numbers=numbers)

    assert [item.pointer for item in invalid] == ["/container_numbers/1", "/container_numbers/2"]
    assert invalid[0].params == {"number": "CSQU3054384"}


def test_the_port_of_exit_handles_the_mode_of_transport() -> None:
    [finding] = found("documents.port_of_exit.mode_mismatch", port_of_exit="0440")

    assert finding.pointer == "/port_of_exit"
    assert finding.params == {"port": "0440", "mode": "9"}
    assert not found("documents.port_of_exit.mode_mismatch")


def test_controlled_goods_need_a_permit() -> None:
    lines = [valid_line(), valid_line(controlled=True), valid_line(controlled=True)]

    [finding] = found("documents.permits.mandatory", lines=lines)

    assert finding.pointer == "/permits"
    assert finding.params == {"lines": "2, 3"}
    permits = [{"number": "EP-2025-0001", "issuing_authority": "Global Affairs Canada"}]
    assert not found("documents.permits.mandatory", lines=lines, permits=permits)


def test_a_permit_has_a_number() -> None:
    [finding] = found("documents.permit.number.mandatory", permits=[{"number": None}])

    assert finding.pointer == "/permits/0/number"
    assert not found("documents.permit.number.mandatory", permits=[{"number": "EP-1"}])


def test_reporting_after_the_marine_cutoff_is_a_warning_that_does_not_block() -> None:
    loading_in_40_hours = (NOW + timedelta(hours=40)).isoformat()

    findings = check(content(estimated_export_at=loading_in_40_hours), context())

    [late] = [item for item in findings if item.code == "documents.estimated_export_at.late"]
    assert late.severity == "warning"
    assert late.pointer == "/estimated_export_at"
    assert late.params["timeframe"] == "documents.deadline.marine"
    assert not [item for item in findings if item.severity == "error"]
    assert not found("documents.estimated_export_at.late")


def test_highway_may_report_up_to_the_export_itself() -> None:
    highway = {"mode_of_transport": "2", "port_of_exit": "0440", "containerized": False}
    highway["container_numbers"] = []

    in_a_minute = (NOW + timedelta(minutes=1)).isoformat()
    a_minute_ago = (NOW - timedelta(minutes=1)).isoformat()

    assert not found(
        "documents.estimated_export_at.late", estimated_export_at=in_a_minute, **highway
    )
    assert found("documents.estimated_export_at.late", estimated_export_at=a_minute_ago, **highway)


def test_an_export_date_far_in_the_past_is_a_warning() -> None:
    long_ago = (NOW - timedelta(days=31)).isoformat()
    recently = (NOW - timedelta(days=29)).isoformat()

    [finding] = found("documents.estimated_export_at.far_past", estimated_export_at=long_ago)

    assert finding.severity == "warning"
    assert finding.params["days"] == "30"
    assert not found("documents.estimated_export_at.far_past", estimated_export_at=recently)


def test_uncontrolled_goods_to_the_united_states_need_no_declaration() -> None:
    to_us = {"country_of_final_destination": "US"}

    [finding] = found("documents.declaration.not_required_us", **to_us)

    assert (finding.severity, finding.pointer) == ("info", "")
    assert not found("documents.declaration.not_required_us")
    controlled = [valid_line(controlled=True)]
    assert not found("documents.declaration.not_required_us", lines=controlled, **to_us)
    rail_cars = [valid_line(export_hs_code="8606.99.00")]
    assert not found("documents.declaration.not_required_us", lines=rail_cars, **to_us)


def test_goods_under_cad_2000_after_conversion_need_no_declaration() -> None:
    code = "documents.declaration.not_required_low_value"
    # USD 1,400 x 1.40 = CAD 1,960: under; USD 1,500 x 1.40 = CAD 2,100: over.
    under = [valid_line(value_fob="1000.00"), valid_line(value_fob="400.00")]
    over = [valid_line(value_fob="1500.00")]

    [finding] = found(code, currency="USD", lines=under)

    assert finding.params == {"total": "1,960.00", "threshold": "2,000.00"}
    assert finding.severity == "info"
    assert not found(code, currency="USD", lines=over)
    assert not found(code, currency="CAD", lines=[valid_line(value_fob="1960.00")] * 2)
    assert found(code, currency="CAD", lines=[valid_line(value_fob="1999.99")])


def test_the_threshold_is_not_judged_without_a_rate_or_with_controlled_goods() -> None:
    code = "documents.declaration.not_required_low_value"
    cheap = [valid_line(value_fob="10.00")]

    assert not found(code, currency="XAF", lines=cheap)
    assert not found(code, lines=[valid_line(value_fob="10.00", controlled=True)])
    assert not found(code, lines=[valid_line(value_fob=None)])

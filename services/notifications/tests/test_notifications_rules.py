"""Unit tests of the notifications domain and e-mail texts (no I/O)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from cers_contracts.notifications import BulletinState
from cers_notifications.adapters.email_rendering import EmailRenderer, format_moment
from cers_notifications.domain.bulletins import NUMBER_PATTERN, Bulletin, BulletinContent
from cers_notifications.domain.errors import ConflictError, RulesBrokenError
from cers_notifications.domain.language import Bilingual
from cers_notifications.domain.links import LinkContent
from cers_notifications.domain.notices import (
    EASTERN_TIME,
    NoticeKind,
    NoticeRequest,
    RetryPolicy,
    display_zone,
    expired,
)
from cers_notifications.domain.outage import BannerState, banner

NOW = datetime(2025, 3, 14, 14, 0, tzinfo=UTC)


def content(**overrides: object) -> BulletinContent:
    values: dict[str, object] = {
        "number": "TCC25-0132",
        "title": Bilingual("CERS outage", "Panne du SCDE"),
        "starts_at": NOW,
        "ends_at": None,
        "clients_affected": Bilingual("All exporters", "Tous les exportateurs"),
        "description": Bilingual("CERS is down.", "Le SCDE est en panne."),
        "action_required": Bilingual("Use form BSF844.", "Utilisez le formulaire BSF844."),
        "topics": ("Exports",),
        "category": "Exporter",
        "outage": True,
    }
    return BulletinContent(**(values | overrides))  # type: ignore[arg-type]


def rules_broken(bad: BulletinContent) -> set[tuple[tuple[str, ...], str]]:
    with pytest.raises(RulesBrokenError) as caught:
        bad.checked()
    return {(v.path, v.rule) for v in caught.value.violations}


def test_a_complete_bulletin_breaks_no_rule() -> None:
    assert content().violations() == []


def test_the_number_pattern_is_the_contracts() -> None:
    schema = BulletinState.model_json_schema()
    assert schema["properties"]["number"]["pattern"] == NUMBER_PATTERN.pattern


def test_each_broken_rule_names_its_field() -> None:
    bad = content(
        number="TCC-132",
        title=Bilingual("Outage", " "),
        ends_at=NOW - timedelta(minutes=1),
        category="Nobody",
        topics=("Exports", "Exports"),
    )
    assert rules_broken(bad) == {
        (("number",), "pattern"),
        (("title", "fr"), "required"),
        (("ends_at",), "before_start"),
        (("category",), "unknown"),
        (("topics",), "duplicate"),
    }


def test_times_without_offset_are_refused() -> None:
    assert rules_broken(content(starts_at=NOW.replace(tzinfo=None))) == {
        (("starts_at",), "timezone_required")
    }


def test_times_are_kept_in_utc_and_must_be_of_this_era() -> None:
    eastern = timezone(timedelta(hours=-4))
    given = content(starts_at=datetime(2025, 7, 2, 8, 30, tzinfo=eastern), ends_at=None)
    assert given.checked().starts_at == datetime(2025, 7, 2, 12, 30, tzinfo=UTC)
    assert given.checked().starts_at.utcoffset() == timedelta(0)
    far = datetime(9999, 12, 31, 23, 0, tzinfo=eastern)  # no UTC for it
    assert rules_broken(content(ends_at=far)) == {(("ends_at",), "out_of_range")}


def test_text_with_a_nul_character_is_refused() -> None:
    bad = content(description=Bilingual("ok", "pas\x00ok"), topics=("Ex\x00ports",))
    assert rules_broken(bad) == {
        (("description", "fr"), "invalid_character"),
        (("topics", "0"), "invalid"),
    }


def test_links_need_absolute_addresses_in_both_languages() -> None:
    link = LinkContent(
        title=Bilingual("CBSA", "ASFC"),
        url=Bilingual("https://cbsa-asfc.gc.ca/", "ftp://example.com"),
        description=Bilingual("", ""),
        topics=(),
    )
    assert [(v.path, v.rule) for v in link.violations()] == [(("url", "fr"), "invalid")]


def test_retiring_an_outage_in_progress_ends_it_and_its_follow_up_is_due() -> None:
    outage = Bulletin.publish("b1", content(), by="officer", now=NOW)
    retired = outage.retire(expected_version=1, now=NOW + timedelta(hours=2))
    assert retired.content.ends_at == NOW + timedelta(hours=2)
    assert retired.version == 2
    assert retired.resumption_notice_due(NOW + timedelta(hours=2))
    assert not retired.followed_up(NOW).resumption_notice_due(NOW + timedelta(hours=3))


def test_an_outage_retired_before_it_starts_is_cancelled() -> None:
    planned = Bulletin.publish(
        "b1",
        content(starts_at=NOW + timedelta(days=1), ends_at=NOW + timedelta(days=2)),
        by="officer",
        now=NOW,
    )
    cancelled = planned.retire(expected_version=None, now=NOW)
    assert cancelled.cancelled
    assert not cancelled.resumption_notice_due(NOW + timedelta(days=3))
    assert banner([cancelled], NOW + timedelta(days=1, hours=1)).state is BannerState.NONE


def test_stale_and_retired_edits_are_conflicts() -> None:
    bulletin = Bulletin.publish("b1", content(), by="officer", now=NOW)
    with pytest.raises(ConflictError, match="someone else"):
        bulletin.revise(content(), expected_version=7, now=NOW)
    retired = bulletin.retire(expected_version=1, now=NOW)
    with pytest.raises(ConflictError, match="retired"):
        retired.revise(content(), expected_version=None, now=NOW)


def test_the_banner_follows_an_outage_from_start_to_24_hours_after_its_end() -> None:
    outage = Bulletin.publish("b1", content(starts_at=NOW), by="officer", now=NOW)
    ended = replace(outage, content=replace(outage.content, ends_at=NOW + timedelta(hours=3)))
    assert banner([outage], NOW - timedelta(minutes=1)).state is BannerState.NONE
    assert banner([outage], NOW).state is BannerState.ACTIVE
    assert banner([ended], NOW + timedelta(hours=2)).state is BannerState.ACTIVE
    resumed = banner([ended], NOW + timedelta(hours=4))
    assert resumed.state is BannerState.RESUMED
    assert resumed.report_by == NOW + timedelta(hours=27)
    assert banner([ended], NOW + timedelta(hours=27)).state is BannerState.NONE


def test_an_active_outage_outranks_a_resumed_one() -> None:
    old = Bulletin.publish(
        "old", content(number="TCC25-0001", ends_at=NOW + timedelta(hours=1)), by="o", now=NOW
    )
    new = Bulletin.publish("new", content(starts_at=NOW + timedelta(hours=2)), by="o", now=NOW)
    shown = banner([old, new], NOW + timedelta(hours=3))
    assert (shown.state, shown.bulletin) == (BannerState.ACTIVE, new)


def test_retries_back_off_exponentially_up_to_a_cap_and_give_up() -> None:
    policy = RetryPolicy(base_s=5, max_s=3600, max_attempts=4)
    assert [policy.delay_after(n).total_seconds() for n in (1, 2, 3, 12)] == [5, 10, 20, 3600]
    assert not policy.gives_up_after(3)
    assert policy.gives_up_after(4)


def test_a_notice_to_an_address_is_identified_by_the_address_in_lower_case() -> None:
    notice = NoticeRequest(NoticeKind.ACTIVATION_CODE_EXPIRING, "s", email="Pat@Example.com")
    assert notice.recipient == "pat@example.com"
    with pytest.raises(ValueError, match="user or an address"):
        NoticeRequest(NoticeKind.MEMBER_ADDED, "s")


SAMPLE_VALUES: dict[NoticeKind, dict[str, object]] = {
    NoticeKind.EMAIL_CONFIRMATION: {
        "confirmation_url": "http://portal/confirm-email?token=abc",
        "expires_at": NOW.isoformat(),
    },
    NoticeKind.MEMBER_ADDED: {
        "account_name": "Maple Exports Ltd",
        "business_number": "123456782RM0001",
        "role": "proxy_owner",
    },
    NoticeKind.MEMBER_ROLE_CHANGED: {
        "account_name": "Maple Exports Ltd",
        "business_number": "123456782RM0001",
        "role": "user",
        "previous_role": "browser",
    },
    NoticeKind.ACTIVATION_CODE_EXPIRING: {
        "business_number": "123456782RM0001",
        "expires_at": NOW.isoformat(),
    },
    NoticeKind.BULLETIN_PUBLISHED: {
        "number": "TCC25-0132",
        "title": "Outage",
        "clients_affected": "All",
        "description": "Down",
        "action_required": "Paper",
        "starts_at": NOW,
        "ends_at": None,
        "outage": True,
        "category": "Exporter",
        "form": "BSF844",
    },
    NoticeKind.OUTAGE_RESUMED: {
        "number": "TCC25-0132",
        "title": "Outage",
        "ends_at": NOW,
        "report_by": NOW + timedelta(hours=24),
        "form": "BSF844",
    },
    NoticeKind.DRAFT_EXPIRING: {
        "draft_id": "draft-1",
        "business_account_id": "account-1",
        "account_name": None,
        "references": "PO-7781",
        "expires_at": NOW.isoformat(),
    },
    NoticeKind.DECLARATION_VOIDED: {
        "proof_of_report": "KQ123420250314000000123",
        "declaration_id": "declaration-1",
        "business_number": "123456782RM0001",
        "exporter_name": "Maple Exports Ltd",
        "references": "",
        "voided_at": NOW.isoformat(),
    },
}


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_every_notice_has_both_languages_and_a_bilingual_subject(kind: NoticeKind) -> None:
    renderer = EmailRenderer()
    values = {"name": "Camille Tremblay", **SAMPLE_VALUES[kind]}
    english = renderer.render(kind, "en", "America/Toronto", values)
    french = renderer.render(kind, "fr", "America/Toronto", values)
    assert "Canada Border Services Agency" in english.body
    assert "Agence des services frontaliers du Canada" in french.body
    en_subject, fr_subject = english.subject.split(" / ")
    assert french.subject == f"{fr_subject} / {en_subject}"
    assert "{{" not in english.body + french.body


def test_dates_are_written_in_the_readers_language_and_time_zone() -> None:
    assert (
        format_moment(NOW, "en", "America/Toronto") == "Friday, March 14, 2025, 10:00\u202fa.m. EDT"
    )
    assert format_moment(NOW, "fr", "America/Vancouver") == "vendredi 14 mars 2025, 07 h 00 HAP"


def test_eastern_time_follows_daylight_saving_time() -> None:
    # 2 November 2025, 2:00 EDT: clocks go back to 1:00 EST; 1:30 happens twice.
    before, after = (
        datetime(2025, 11, 2, 5, 30, tzinfo=UTC),
        datetime(2025, 11, 2, 6, 30, tzinfo=UTC),
    )
    assert format_moment(before, "en", EASTERN_TIME).endswith("1:30\u202fa.m. EDT")
    assert format_moment(after, "en", EASTERN_TIME).endswith("1:30\u202fa.m. EST")
    assert format_moment(after, "fr", EASTERN_TIME) == "dimanche 2 novembre 2025, 01 h 30 HNE"
    # 9 March 2025, 2:00 EST: clocks go forward to 3:00 EDT.
    spring = datetime(2025, 3, 9, 7, 0, tzinfo=UTC)
    assert format_moment(spring, "en", EASTERN_TIME) == "Sunday, March 9, 2025, 3:00\u202fa.m. EDT"
    assert format_moment(spring, "en", "Not/AZone").endswith("EDT")  # unknown zone: Eastern


def test_bulletin_times_are_in_eastern_time_other_notices_in_the_readers_zone() -> None:
    vancouver = "America/Vancouver"
    assert display_zone(NoticeKind.BULLETIN_PUBLISHED, vancouver) == EASTERN_TIME
    assert display_zone(NoticeKind.OUTAGE_RESUMED, vancouver) == EASTERN_TIME
    assert display_zone(NoticeKind.EMAIL_CONFIRMATION, vancouver) == vancouver


def test_links_codes_and_drafts_are_not_mailed_once_expired() -> None:
    params = {"expires_at": NOW.isoformat()}
    assert expired(NoticeKind.EMAIL_CONFIRMATION, params, NOW)
    assert expired(NoticeKind.DRAFT_EXPIRING, params, NOW)
    assert not expired(NoticeKind.ACTIVATION_CODE_EXPIRING, params, NOW - timedelta(seconds=1))
    assert not expired(NoticeKind.MEMBER_ADDED, {}, NOW)

"""The service's own loops: the notice sender, the outage follow-up, the development SMTP sink."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from cers_chassis.loops import repeat
from cers_chassis.service import BackgroundWork, ServiceRuntime
from cers_notifications.adapters.email_rendering import EmailRenderer
from cers_notifications.adapters.mailer import SmtpMailer
from cers_notifications.adapters.smtp_sink import serve_sink
from cers_notifications.domain.notices import RetryPolicy
from cers_notifications.entrypoints.wiring import Wiring
from cers_notifications.service_layer.delivery import Sender
from cers_notifications.service_layer.outages import follow_up_ended_outages


def notification_workers(
    wiring: Wiring,
) -> Callable[[ServiceRuntime], list[tuple[str, BackgroundWork]]]:
    """The worker factory for ``create_service_app``."""
    settings, clock = wiring.settings, wiring.clock

    def build(runtime: ServiceRuntime) -> list[tuple[str, BackgroundWork]]:
        uow = wiring.unit_of_work(runtime)
        password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
        sender = Sender(
            uow=uow,
            clock=clock,
            mailer=SmtpMailer(
                settings.smtp_host,
                settings.smtp_port,
                timeout_s=settings.smtp_timeout_s,
                username=settings.smtp_username,
                password=password,
                start_tls=settings.smtp_starttls,
            ),
            renderer=EmailRenderer(),
            retry=RetryPolicy(
                settings.notice_retry_base_s,
                settings.notice_retry_max_s,
                settings.notice_max_attempts,
            ),
            from_address=settings.mail_from,
            poll_interval_s=settings.sender_poll_interval_s,
        )

        async def follow_up() -> None:
            await repeat(
                partial(follow_up_ended_outages, uow, clock),
                interval_s=settings.outage_check_interval_s,
                what="outage follow-up",
            )

        work: list[tuple[str, BackgroundWork]] = [
            ("notice-sender", sender.run),
            ("outage-follow-up", follow_up),
        ]
        if settings.smtp_sink_enabled and runtime.sessions is not None:
            sessions = runtime.sessions

            async def sink() -> None:
                await serve_sink(settings.smtp_host, settings.smtp_port, sessions, clock)

            work.append(("smtp-sink", sink))
        return work

    return build

"""The topic registry: every Kafka topic of CERS, its settings and the messages it carries.

One place decides partitions, keys, retention and compaction; ``provision-topics`` creates what
is listed here and the schema generator documents it. Each service issue adds its topics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from cers_contracts import accounts, documents, identity, notifications
from cers_contracts.message import Message
from cers_contracts.platform import PipelineProbe

KEEP_FOREVER = -1
DAY_MS = 24 * 60 * 60 * 1000
DLQ_SUFFIX = ".dlq"
DLQ_RETENTION_MS = 30 * DAY_MS


@dataclass(frozen=True)
class TopicSpec:
    """One topic: its name (with version), layout, retention and the message types on it."""

    name: str
    description: str
    key: str
    messages: tuple[type[Message], ...]
    partitions: int = 6
    retention_ms: int = KEEP_FOREVER
    cleanup_policy: Literal["delete", "compact"] = "delete"
    extra_config: dict[str, str] = field(default_factory=dict)

    @property
    def dlq(self) -> str:
        """The dead-letter topic of this topic (every topic has one)."""
        return self.name + DLQ_SUFFIX

    def kafka_config(self) -> dict[str, str]:
        """Topic-level broker settings."""
        return {
            "retention.ms": str(self.retention_ms),
            "cleanup.policy": self.cleanup_policy,
            **self.extra_config,
        }


@dataclass(frozen=True)
class TopicRegistry:
    """The set of topics, with look-ups by name and by CloudEvents type."""

    topics: tuple[TopicSpec, ...]

    def __post_init__(self) -> None:
        names = [t.name for t in self.topics]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate topic names in registry: {sorted(names)}")
        types = [m.ce_type for t in self.topics for m in t.messages]
        if len(set(types)) != len(types):
            raise ValueError("a CloudEvents type may live on one topic only")

    def topic(self, name: str) -> TopicSpec:
        """The spec of topic ``name``; KeyError when it is not registered."""
        for spec in self.topics:
            if spec.name == name:
                return spec
        raise KeyError(f"topic {name!r} is not in the registry")

    def topic_of(self, message: type[Message] | Message) -> TopicSpec:
        """The topic that carries ``message``'s type."""
        for spec in self.topics:
            if any(m.ce_type == message.ce_type for m in spec.messages):
                return spec
        raise KeyError(f"message type {message.ce_type!r} is on no registered topic")

    def message_types(self) -> dict[str, type[Message]]:
        """Every registered CloudEvents type and its model."""
        return {m.ce_type: m for spec in self.topics for m in spec.messages}

    def all_topic_configs(self) -> list[tuple[str, int, dict[str, str]]]:
        """(name, partitions, config) of every topic and dead-letter topic to provision."""
        result = []
        for spec in self.topics:
            result.append((spec.name, spec.partitions, spec.kafka_config()))
            dlq_config = {"retention.ms": str(DLQ_RETENTION_MS), "cleanup.policy": "delete"}
            result.append((spec.dlq, 1, dlq_config))
        return result


def probe_registry(name: str, partitions: int, retention_ms: int = 3_600_000) -> TopicRegistry:
    """A registry of one throw-away probe topic (tests, benchmarks, smoke checks)."""
    spec = TopicSpec(
        name=name,
        description="throw-away pipeline probe topic",
        key="stream",
        messages=(PipelineProbe,),
        partitions=partitions,
        retention_ms=retention_ms,
    )
    return TopicRegistry(topics=(spec,))


REGISTRY = TopicRegistry(
    topics=(
        TopicSpec(
            name="platform.probe.v1",
            description=(
                "End-to-end probes of the messaging pipeline (outbox, relay, inbox): used by the "
                "chassis tests, the benchmark and smoke checks. Carries no business data."
            ),
            key="probe stream id",
            messages=(PipelineProbe,),
            partitions=8,
            retention_ms=7 * DAY_MS,
        ),
        TopicSpec(
            name="identity.user.v1",
            description=(
                "Users: registered, e-mail confirmation requested and confirmed, profile updated, "
                "credential transferred, disabled. Each event carries the user's full state (URN, "
                "names, e-mail, language, time zone) for the other services' replicas."
            ),
            key="user id",
            messages=identity.USER_EVENTS,
        ),
        TopicSpec(
            name="accounts.business-account.v1",
            description=(
                "Business accounts: activated, information updated, owner changed, Summary "
                "Reporting Program approved or revoked, deleted; each with the full account."
            ),
            key="business account id",
            messages=(
                accounts.BusinessAccountActivated,
                accounts.BusinessInformationUpdated,
                accounts.AccountOwnerChanged,
                accounts.SummaryReportingApproved,
                accounts.SummaryReportingRevoked,
                accounts.BusinessAccountDeleted,
            ),
        ),
        TopicSpec(
            name="accounts.membership.v1",
            description=(
                "Who may act on a business account: member added, role changed, member removed; "
                "each with the account's full member list and membership version."
            ),
            key="business account id",
            messages=(accounts.MemberAdded, accounts.MemberRoleChanged, accounts.MemberRemoved),
        ),
        TopicSpec(
            name="accounts.association.v1",
            description=(
                "Customs service providers associated with an exporter (BSF831): recorded or "
                "removed; each with the exporter's full set of associated providers."
            ),
            key="exporter business account id",
            messages=(accounts.AssociationRecorded, accounts.AssociationRemoved),
        ),
        TopicSpec(
            name="accounts.activation-code.v1",
            description=(
                "Activation codes issued, expiring, redeemed and revoked, for the applicant's "
                "notices. The code itself never travels."
            ),
            key="Business Number",
            messages=(
                accounts.ActivationCodeIssued,
                accounts.ActivationCodeExpiring,
                accounts.ActivationCodeRedeemed,
                accounts.ActivationCodeRevoked,
            ),
        ),
        TopicSpec(
            name="notifications.bulletin.v1",
            description=(
                "Bulletins (outage notices among them): published, updated, retired; each with "
                "the bulletin's full bilingual state."
            ),
            key="bulletin id",
            messages=(
                notifications.BulletinPublished,
                notifications.BulletinUpdated,
                notifications.BulletinRetired,
            ),
        ),
        TopicSpec(
            name="documents.declaration.v1",
            description=(
                "Export declarations: reported (Proof of Report), amended, void requested, voided, "
                "each with the full declaration version; drafts about to expire. Kept forever "
                "locally (6 years in production) so a downstream system can replay from offset 0."
            ),
            key="exporter business account id",
            messages=documents.DECLARATION_EVENTS,
        ),
        TopicSpec(
            name="documents.declaration-command.v1",
            description=(
                "Commands to the documents service (from bulk): validate or submit one "
                "declaration, idempotent by key."
            ),
            key="exporter business account id",
            messages=(documents.ValidateDeclaration, documents.SubmitDeclaration),
            retention_ms=7 * DAY_MS,
        ),
        TopicSpec(
            name="documents.declaration-result.v1",
            description=(
                "One answer per declaration command, correlated by its idempotency key: the Proof "
                "of Report or the findings."
            ),
            key="exporter business account id",
            messages=(documents.DeclarationCommandCompleted,),
            retention_ms=7 * DAY_MS,
        ),
    )
)

"""gateway: ORM tables, repositories, the outbox writer and translators to contract messages."""

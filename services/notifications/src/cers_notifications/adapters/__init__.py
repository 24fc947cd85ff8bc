"""notifications: ORM, repositories, outbox writer, translators to contract messages."""

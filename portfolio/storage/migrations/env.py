"""Alembic environment: always runs on the live connection passed in by migrate.py."""

from __future__ import annotations

from alembic import context

from portfolio.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic CLI by mistake
    raise RuntimeError("Portfolio migrations run only through portfolio.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only alter tables by copying them
    transactional_ddl=True,
)
context.run_migrations()

"""municipal sites: pages, snapshots, LOV statements, providers, counts, municipal events

Revision ID: 0003
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STR = sqlmodel.sql.sqltypes.AutoString
_TIME = sa.DateTime


def _indexes(table: str, *columns: str, unique: tuple[str, ...] = ()) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(
                batch_op.f(f"ix_{table}_{column}"), [column], unique=column in unique
            )


def upgrade() -> None:
    op.create_table(
        "municipalpage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_code", _STR(), nullable=False),
        sa.Column("url", _STR(), nullable=False),
        sa.Column("title", _STR(), nullable=False),
        sa.Column("content_hash", _STR(), nullable=False),
        sa.Column("rendered", sa.Boolean(), nullable=False),
        sa.Column("links", sa.JSON(), nullable=True),
        sa.Column("first_seen", _TIME(), nullable=False),
        sa.Column("last_seen", _TIME(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url"),
    )
    _indexes("municipalpage", "municipality_code")

    op.create_table(
        "pagesnapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("fetched_at", _TIME(), nullable=False),
        sa.Column("content_hash", _STR(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["page_id"], ["municipalpage.id"]),
        sa.ForeignKeyConstraint(["run_id"], ["crawlrun.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("pagesnapshot", "page_id")

    op.create_table(
        "lovstatement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_code", _STR(), nullable=False),
        sa.Column("kind", _STR(), nullable=False),
        sa.Column("category_code", _STR(), nullable=True),
        sa.Column("statement_date", sa.Date(), nullable=True),
        sa.Column("date_text", _STR(), nullable=True),
        sa.Column("url", _STR(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("first_seen", _TIME(), nullable=False),
        sa.Column("last_seen", _TIME(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "municipality_code",
            "url",
            "kind",
            "category_code",
            "quote",
            name="uq_lovstatement_evidence",
        ),
    )
    _indexes("lovstatement", "category_code", "kind", "municipality_code")

    op.create_table(
        "providerlisting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_code", _STR(), nullable=False),
        sa.Column("category_code", _STR(), nullable=False),
        sa.Column("provider_key", _STR(), nullable=False),
        sa.Column("name", _STR(), nullable=False),
        sa.Column("org_number", _STR(), nullable=True),
        sa.Column("own_unit", sa.Boolean(), nullable=False),
        sa.Column("url", _STR(), nullable=False),
        sa.Column("first_seen", _TIME(), nullable=False),
        sa.Column("last_seen", _TIME(), nullable=False),
        sa.Column("removed_at", _TIME(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "municipality_code", "category_code", "provider_key", name="uq_providerlisting"
        ),
    )
    _indexes("providerlisting", "category_code", "municipality_code")

    op.create_table(
        "providercount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_code", _STR(), nullable=False),
        sa.Column("category_code", _STR(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("observed_at", _TIME(), nullable=False),
        sa.Column("source", _STR(), nullable=False),
        sa.Column("private", sa.Integer(), nullable=False),
        sa.Column("own_units", sa.Integer(), nullable=False),
        sa.Column("url", _STR(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["crawlrun.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("providercount", "municipality_code")

    op.create_table(
        "municipalevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _STR(), nullable=False),
        sa.Column("municipality_code", _STR(), nullable=False),
        sa.Column("category_code", _STR(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("detected_at", _TIME(), nullable=False),
        sa.Column("baseline", sa.Boolean(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["crawlrun.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes(
        "municipalevent", "category_code", "detected_at", "kind", "municipality_code", "run_id"
    )


def downgrade() -> None:
    for table in (
        "municipalevent",
        "providercount",
        "providerlisting",
        "lovstatement",
        "pagesnapshot",
        "municipalpage",
    ):
        op.drop_table(table)

"""municipal deliveries: a delivery is owed for a national or a municipal event

Merges the two heads (0002 subscriptions, 0003 municipal sites) and lets `delivery` point at a
`municipalevent` instead of an `event`: `event_id` becomes nullable, `municipal_event_id` is
added with its own unique key per target, and a check keeps exactly one of the two set.
Existing rows are all national deliveries and are kept as they are (on SQLite the table is
rebuilt in batch mode, copying every row).

Revision ID: 0004
Revises: 0002, 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = ("0002", "0003")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ONE_EVENT = "(event_id IS NULL) <> (municipal_event_id IS NULL)"


def upgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.alter_column("event_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("municipal_event_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_delivery_municipal_event_id", "municipalevent", ["municipal_event_id"], ["id"]
        )
        batch_op.create_index(
            batch_op.f("ix_delivery_municipal_event_id"), ["municipal_event_id"], unique=False
        )
        batch_op.create_unique_constraint(
            "uq_delivery_municipal_once", ["target_id", "municipal_event_id"]
        )
        batch_op.create_check_constraint("ck_delivery_one_event", _ONE_EVENT)


def downgrade() -> None:
    # Municipal deliveries cannot exist in the older schema: they go, national ones stay.
    op.execute("DELETE FROM delivery WHERE municipal_event_id IS NOT NULL")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_constraint("ck_delivery_one_event", type_="check")
        batch_op.drop_constraint("uq_delivery_municipal_once", type_="unique")
        batch_op.drop_index(batch_op.f("ix_delivery_municipal_event_id"))
        batch_op.drop_constraint("fk_delivery_municipal_event_id", type_="foreignkey")
        batch_op.drop_column("municipal_event_id")
        batch_op.alter_column("event_id", existing_type=sa.Integer(), nullable=False)

"""run guards: what a national run saw of the page layout, and the endings it held back

Adds to `crawlrun`: `coverage` (share of advert pages that yielded each field),
`unknown_labels` and `unknown_keys` (page labels and listing keys never seen before), and
`held_endings` (adverts the mass-end breaker kept from ending, released by a later run that
agrees or by `lovwatch runs release`). Every existing row keeps its values; the new columns
are empty for them.

`lovstatement` gains `subject` (own, other, law, general), `modality` (decided, planned,
proposed, demanded, rejected) and `confidence`: a page's claims are kept as evidence whatever
they are, and only the municipality's own decisions become events. Existing statements were
all read as the municipality's own decisions: they get own, decided, 1.0.

An authority's name is no longer unique: one committee name ("Socialnämnden") used by several
municipalities is one row per municipality, so one cannot lend its codes to another's adverts.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("coverage", "unknown_labels", "unknown_keys", "held_endings")


def upgrade() -> None:
    with op.batch_alter_table("crawlrun", schema=None) as batch_op:
        for name in _COLUMNS:
            batch_op.add_column(sa.Column(name, sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("released_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("authority", schema=None) as batch_op:
        batch_op.drop_index("ix_authority_name")
        batch_op.create_index("ix_authority_name", ["name"], unique=False)
    with op.batch_alter_table("lovstatement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject", sa.String(), nullable=False, server_default="own"))
        batch_op.add_column(
            sa.Column("modality", sa.String(), nullable=False, server_default="decided")
        )
        batch_op.add_column(
            sa.Column("confidence", sa.Float(), nullable=False, server_default="1.0")
        )


def downgrade() -> None:
    with op.batch_alter_table("lovstatement", schema=None) as batch_op:
        for name in ("confidence", "modality", "subject"):
            batch_op.drop_column(name)
    with op.batch_alter_table("authority", schema=None) as batch_op:
        batch_op.drop_index("ix_authority_name")
        batch_op.create_index("ix_authority_name", ["name"], unique=True)
    with op.batch_alter_table("crawlrun", schema=None) as batch_op:
        batch_op.drop_column("released_at")
        for name in reversed(_COLUMNS):
            batch_op.drop_column(name)

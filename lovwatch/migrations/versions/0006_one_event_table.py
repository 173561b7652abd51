"""one event table: national and municipal events in `event`, one delivery key (target, event)

`event` gains `source` (national, municipal), `municipality_code`, `category_code` and
`former_municipal_id`; `advert_id` becomes nullable, and CHECK constraints hold the source, the
kinds of each source and the subject each source names. Every `municipalevent` row moves into
`event` with a new id (its old id plus the highest national event id, so the two numberings
cannot meet) and its old id kept in `former_municipal_id`, which keeps its Atom entry id; then
`municipalevent` is dropped. National events keep their ids.

`delivery` is rebuilt with one `event_id` (a municipal delivery points at its event's new id),
one unique key (target_id, event_id), a CHECK on `status`, and only the indexes the notifier
reads by: `status` (pending and sending rows) and `event_id` (the pairs already recorded for
recent events). Every row keeps its id, status, attempts, timestamps, claim and error.

On SQLite a table is altered by rebuilding it, and with foreign keys on an `event` that
`delivery` still referenced could not be dropped and rebuilt: the deliveries are parked in a
plain table first, and `delivery` is created again once `event` is done.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STR = sqlmodel.sql.sqltypes.AutoString
_NATIONAL_KINDS = ("new", "changed", "ended", "reappeared")
_MUNICIPAL_KINDS = ("provider_added", "provider_removed", "lov_introduced", "lov_ended")
_STATUSES = ("pending", "sending", "sent", "uncertain")


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


# The constraints as the models declare them (`lovwatch.models.tables`, `.subscriptions`),
# written out here so that this revision stays what it is when the models change.
_SOURCE = _in("source", ("national", "municipal"))
_KIND = (
    f"(source = 'national' AND {_in('kind', _NATIONAL_KINDS)}) OR "
    f"(source = 'municipal' AND {_in('kind', _MUNICIPAL_KINDS)})"
)
_SUBJECT = (
    "(source = 'national' AND advert_id IS NOT NULL AND municipality_code IS NULL "
    "AND category_code IS NULL) OR "
    "(source = 'municipal' AND advert_id IS NULL AND municipality_code IS NOT NULL)"
)
_DELIVERY_COLUMNS = (
    "id, subscription_id, target_id, event_id, status, recorded_at, attempts, "
    "last_attempt_at, sent_at, claim, error"
)


def _reset_sequence(table: str) -> None:
    """Rows were inserted with their ids: on PostgreSQL the next id must follow them."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        )


def _create_delivery() -> None:
    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("status", _STR(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("claim", _STR(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("target_id", "event_id", name="uq_delivery_once"),
        sa.CheckConstraint(_in("status", _STATUSES), name="ck_delivery_status"),
    )
    op.create_index("ix_delivery_status", "delivery", ["status"])
    op.create_index("ix_delivery_event_id", "delivery", ["event_id"])


def upgrade() -> None:
    op.execute("CREATE TABLE delivery_0006 AS SELECT * FROM delivery")
    op.drop_table("delivery")

    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", _STR(), nullable=False, server_default="national"))
        batch_op.add_column(sa.Column("municipality_code", _STR(), nullable=True))
        batch_op.add_column(sa.Column("category_code", _STR(), nullable=True))
        batch_op.add_column(sa.Column("former_municipal_id", sa.Integer(), nullable=True))
        batch_op.alter_column("advert_id", existing_type=_STR(), nullable=True)
    offset = op.get_bind().execute(sa.text("SELECT coalesce(max(id), 0) FROM event")).scalar()
    op.execute(
        sa.text(
            "INSERT INTO event (id, source, kind, advert_id, municipality_code, category_code, "
            "run_id, detected_at, baseline, details, former_municipal_id) "
            "SELECT id + :offset, 'municipal', kind, NULL, municipality_code, category_code, "
            "run_id, detected_at, baseline, details, id FROM municipalevent"
        ).bindparams(offset=int(offset or 0))
    )
    _reset_sequence("event")
    op.drop_table("municipalevent")
    # The default only filled the existing rows; new rows always name their source.
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.alter_column("source", existing_type=_STR(), server_default=None)
        batch_op.create_check_constraint("ck_event_source", _SOURCE)
        batch_op.create_check_constraint("ck_event_kind", _KIND)
        batch_op.create_check_constraint("ck_event_subject", _SUBJECT)

    _create_delivery()
    op.execute(
        f"INSERT INTO delivery ({_DELIVERY_COLUMNS}) "
        "SELECT d.id, d.subscription_id, d.target_id, coalesce(d.event_id, e.id), d.status, "
        "d.recorded_at, d.attempts, d.last_attempt_at, d.sent_at, d.claim, d.error "
        "FROM delivery_0006 d LEFT JOIN event e ON d.event_id IS NULL "
        "AND e.source = 'municipal' AND e.former_municipal_id = d.municipal_event_id"
    )
    _reset_sequence("delivery")
    op.drop_table("delivery_0006")


def downgrade() -> None:
    """Back to two event tables. Municipal events return to `municipalevent` under their
    former id (or, created after the upgrade, their id, which no former id reaches)."""
    # Each delivery with what it will point at; then `event` is free to be rebuilt.
    op.execute(
        "CREATE TABLE delivery_0006 AS SELECT d.*, e.source AS event_source, "
        "coalesce(e.former_municipal_id, e.id) AS old_municipal_id "
        "FROM delivery d JOIN event e ON e.id = d.event_id"
    )
    op.drop_table("delivery")
    op.create_table(
        "municipalevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", _STR(), nullable=False),
        sa.Column("municipality_code", _STR(), nullable=False),
        sa.Column("category_code", _STR(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("baseline", sa.Boolean(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["crawlrun.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("category_code", "detected_at", "kind", "municipality_code", "run_id"):
        op.create_index(f"ix_municipalevent_{column}", "municipalevent", [column])
    op.execute(
        "INSERT INTO municipalevent (id, kind, municipality_code, category_code, run_id, "
        "detected_at, baseline, details) SELECT coalesce(former_municipal_id, id), kind, "
        "municipality_code, category_code, run_id, detected_at, baseline, details "
        "FROM event WHERE source = 'municipal'"
    )
    _reset_sequence("municipalevent")
    op.execute("DELETE FROM event WHERE source = 'municipal'")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_constraint("ck_event_subject", type_="check")
        batch_op.drop_constraint("ck_event_kind", type_="check")
        batch_op.drop_constraint("ck_event_source", type_="check")
        batch_op.alter_column("advert_id", existing_type=_STR(), nullable=False)
        for column in ("former_municipal_id", "category_code", "municipality_code", "source"):
            batch_op.drop_column(column)
    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("status", _STR(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("claim", _STR(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("municipal_event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["subscription_id"], ["subscription.id"]),
        sa.ForeignKeyConstraint(["target_id"], ["subscriptiontarget.id"]),
        sa.ForeignKeyConstraint(
            ["municipal_event_id"], ["municipalevent.id"], name="fk_delivery_municipal_event_id"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("target_id", "event_id", name="uq_delivery_once"),
        sa.UniqueConstraint("target_id", "municipal_event_id", name="uq_delivery_municipal_once"),
        sa.CheckConstraint(
            "(event_id IS NULL) <> (municipal_event_id IS NULL)", name="ck_delivery_one_event"
        ),
    )
    for column in ("event_id", "status", "subscription_id", "target_id", "municipal_event_id"):
        op.create_index(f"ix_delivery_{column}", "delivery", [column])
    op.execute(
        "INSERT INTO delivery (id, subscription_id, target_id, event_id, municipal_event_id, "
        "status, recorded_at, attempts, last_attempt_at, sent_at, claim, error) "
        "SELECT id, subscription_id, target_id, "
        "CASE WHEN event_source = 'national' THEN event_id END, "
        "CASE WHEN event_source = 'municipal' THEN old_municipal_id END, "
        "status, recorded_at, attempts, last_attempt_at, sent_at, claim, error "
        "FROM delivery_0006"
    )
    _reset_sequence("delivery")
    op.drop_table("delivery_0006")

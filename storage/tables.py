"""Table definitions. Money is stored as text decimals, times as UTC plus the business-local ISO string."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

tickets = Table(
    "tickets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("business_id", String(64), nullable=False, index=True),
    Column("business_date", Date, nullable=False),
    Column("number", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("customer_name", String(200)),
    Column("customer_phone", String(32), index=True),
    Column("customer_email", String(254)),
    Column("scheduled_for", String(40)),
    Column("total", String(20), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("language", String(8), nullable=False),
    Column("conversation_id", String(128)),
    Column("idempotency_key", String(64), nullable=False, unique=True),
    Column("payload", Text, nullable=False),
    Column("pos_id", String(128)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("business_id", "business_date", "number", name="uq_ticket_number_per_day"),
)

ticket_counters = Table(
    "ticket_counters",
    metadata,
    Column("business_id", String(64), primary_key=True),
    Column("business_date", Date, primary_key=True),
    Column("last_number", Integer, nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False, unique=True),
    Column("state", String(16), nullable=False, index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("claimed_until", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

ticket_events = Table(
    "ticket_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("state", String(16), nullable=False),
    Column("detail", Text),
)

customers = Table(
    "customers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("business_id", String(64), nullable=False),
    Column("phone", String(32)),
    Column("email", String(254)),
    Column("name", String(200)),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    UniqueConstraint("business_id", "phone", name="uq_customer_phone"),
)

# The members of the POS customer group a playbook names in `rules.vips.pos_group` (pos/vip_group.py), VIPs like
# its own `people`; each sync replaces a business's rows whole. `phone` is E.164 and `email` lower-cased, as
# callers are looked up; `group_name` is the name the playbook gave, so renaming the group stops old rows matching.
vip_group_members = Table(
    "vip_group_members",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("business_id", String(64), nullable=False),
    Column("group_name", String(200), nullable=False),
    Column("name", String(200), nullable=False),
    Column("phone", String(32)),
    Column("email", String(254)),
    Column("synced_at", DateTime(timezone=True), nullable=False),
    Index("ix_vip_group_members_phone", "business_id", "phone"),
    Index("ix_vip_group_members_email", "business_id", "email"),
)

house_pos_orders = Table(
    "house_pos_orders",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("business_id", String(64), nullable=False, index=True),
    Column("business_date", Date, nullable=False),
    Column("ticket_number", Integer, nullable=False),
    Column("idempotency_key", String(64), nullable=False, unique=True),
    Column("payload", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

reservations = Table(
    "reservations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("business_id", String(64), nullable=False),
    Column("resource_id", String(128), nullable=False),
    Column("unit", String(32), nullable=False),
    Column("seat", Integer, nullable=False),
    Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Also the index for "what is taken on these units": its leading columns are business, resource, unit.
    UniqueConstraint("business_id", "resource_id", "unit", "seat", name="uq_reservation_seat"),
)

handoffs = Table(
    "handoffs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("business_id", String(64), nullable=False, index=True),
    Column("conversation_id", String(128), nullable=False),
    Column("reason", String(32), nullable=False),
    Column("urgent", Boolean, nullable=False, default=False),
    Column("summary", Text, nullable=False, default=""),
    Column("state", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Requests for a person after which staff have the conversation (handoff/takeover.py): while the request is
# open, the assistant keeps quiet in that conversation.
staff_takeovers = Table(
    "staff_takeovers",
    metadata,
    Column("handoff_id", Integer, ForeignKey("handoffs.id"), primary_key=True),
    Column("conversation_id", String(128), nullable=False, index=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
)

# What a customer wrote while staff had the conversation: the board shows these under the request.
held_messages = Table(
    "held_messages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("handoff_id", Integer, ForeignKey("handoffs.id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

deposits = Table(
    "deposits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False, unique=True),
    Column("business_id", String(64), nullable=False),
    Column("amount", String(20), nullable=False),
    Column("link_id", String(128), nullable=False),
    Column("url", Text, nullable=False),
    # The order the payment link made in the POS: the payment webhook names it.
    Column("pos_order_id", String(128), index=True),
    Column("state", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

sms_opt_outs = Table(
    "sms_opt_outs",
    metadata,
    Column("business_id", String(64), primary_key=True),
    Column("phone", String(32), primary_key=True),
    Column("opted_out_at", DateTime(timezone=True), nullable=False),
)

# Callers declined for abuse or a prank, and orders abandoned mid-way (safety/flags.py): a repeat offender is
# rate-limited. `caller` is the phone's digits or the lower-cased email, never shown in full in logs.
caller_flags = Table(
    "caller_flags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("business_id", String(64), nullable=False),
    Column("caller", String(254), nullable=False),
    Column("conversation_id", String(128), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_caller_flags_caller", "business_id", "caller", "created_at"),
)

# Owners who edit their playbook on the web (editor/): one login per email, scrypt hash with its own salt.
editor_owners = Table(
    "editor_owners",
    metadata,
    Column("email", String(254), primary_key=True),
    Column("password_hash", String(300), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Which businesses each owner may see and edit.
editor_owner_businesses = Table(
    "editor_owner_businesses",
    metadata,
    Column("email", String(254), ForeignKey("editor_owners.email"), primary_key=True),
    Column("business_id", String(64), primary_key=True),
)

# Failed editor logins, keyed "email:<address>" or "ip:<address>"; enough recent ones lock the key for a while.
editor_login_failures = Table(
    "editor_login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, index=True),
    Column("failed_at", DateTime(timezone=True), nullable=False),
)

# Every saved version of a business's playbook: the whole YAML, who saved it and what changed (one line per field).
playbook_versions = Table(
    "playbook_versions",
    metadata,
    Column("business_id", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("saved_by", String(254), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("changes", Text, nullable=False),
)

"""How often « J'ai oublié mon identifiant » may send: at most 5 messages per account per rolling hour.

Whoever knows a persona's name, first name and birth date (the demo persona's are public) could
otherwise make the portal send its identifiant again and again. Past the cap nothing is sent and
the visitor sees the same pages as anybody else (oubli.py), so the cap does not tell that the
account exists. Hours are elapsed time, as for the reset codes (reset_codes.py).
"""

from __future__ import annotations

from mock_portal.clock import clock, plus
from mock_portal.db import Database
from mock_portal.reset_codes import WINDOW, in_last_hour

MESSAGES_PER_HOUR = 5


def may_send(db: Database, persona_id: int) -> bool:
    """Counts one more message for the account and says True, or False once the hour's cap is reached.

    The count and the new row share one transaction: parallel requests cannot pass the cap.
    """
    now = clock.now()
    with db.transaction():
        # Only the last hour is ever counted: older rows would only grow the table.
        db.execute("DELETE FROM identifiant_messages WHERE persona_id = ? AND julianday(sent_at) <="
                   " julianday(?)", (persona_id, plus(now, -WINDOW).isoformat()))
        if in_last_hour(db, "identifiant_messages", "sent_at", persona_id) >= MESSAGES_PER_HOUR:
            return False
        db.execute("INSERT INTO identifiant_messages (persona_id, sent_at) VALUES (?, ?)",
                   (persona_id, now.isoformat()))
    return True

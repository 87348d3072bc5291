"""`mailgate inbox`: the SLA report of a support mailbox (unanswered, late, first-reply times)."""

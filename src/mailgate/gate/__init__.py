"""The pre-send gate: may this campaign be sent, and to whom (``mailgate gate``)."""

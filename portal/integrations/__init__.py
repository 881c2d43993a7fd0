"""Integrations fed by the outbox: signed webhooks, notifications to people, email.

The dispatcher (``dispatcher.py``) runs inside the server when ``JENJANG_DISPATCHER_ENABLED=1``
and as ``jenjang dispatch``. Each round it fans committed outbox events out into webhook
deliveries and notifications (``fanout.py``), sends due deliveries (``delivery.py``) through the
guarded client (``safe_http.py``) signed by ``signing.py``, and mails people (``mail.py``).
"""

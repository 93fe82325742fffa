"""An in-memory channel layer that stays fast with many sockets.

Channels' ``InMemoryChannelLayer`` looks through every channel and every group for expired
messages and memberships on each send to a group and on each receive: with a thousand open
chat sockets that is a thousand entries looked at for every message relayed, several times
over. This one does that clean-up at most once a second, which is all the expiry times
(a minute for messages, a day for group memberships) need. For one process only, like its
parent; several processes share channels-redis.
"""

from __future__ import annotations

import time

from channels.layers import InMemoryChannelLayer


class ThrottledInMemoryChannelLayer(InMemoryChannelLayer):
    clean_every = 1.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._cleaned_at = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._cleaned_at >= self.clean_every:
            self._cleaned_at = now
            super()._clean_expired()

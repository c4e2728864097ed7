"""A Slack Web API stand-in on loopback: records every call and refuses what Slack refuses.

One module per part, each read on its own:

- `server`: the threaded HTTP edge; `api`: one request's path (delay, failure, token, method);
  `scripting`: scripted failures, slow answers and tokens; `recorder`: the call record.
- `directory`: members, channels and DMs; `chat`: messages; `views`: modals and App Home;
  `files`: files upload v2.
- `facade`: `SlackStandIn`, which puts them together behind one lock.
"""

from .facade import SlackStandIn
from .recorder import Call
from .views import MAX_VIEW_STACK

__all__ = ["MAX_VIEW_STACK", "Call", "SlackStandIn"]

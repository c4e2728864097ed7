"""A Slack stand-in for tests and the demo: a loopback Web API and a signed-request client."""

from .signed_client import SignedResponse, SignedSlackClient
from .signing import compute_signature, verify_signature
from .standin import Call, SlackStandIn
from .validation import Rejection, check_message_blocks, check_view
from .workspace import Channel, Team, UploadedFile, User

__all__ = [
    "Call",
    "Channel",
    "Rejection",
    "SignedResponse",
    "SignedSlackClient",
    "SlackStandIn",
    "Team",
    "UploadedFile",
    "User",
    "check_message_blocks",
    "check_view",
    "compute_signature",
    "verify_signature",
]

"""Models of the shared records pieces, re-exported from the modules that define them."""

from .audit import AuditEntry  # noqa: F401
from .files import StoredFile  # noqa: F401
from .intake import IntakeToken  # noqa: F401
from .notifications import Notification  # noqa: F401
from .offices import OfficeContacts  # noqa: F401
from .references import ReferenceCounter  # noqa: F401

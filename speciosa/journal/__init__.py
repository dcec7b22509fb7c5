"""The application layer: models, services (writes), selectors (reads), findings and transfer."""

from typing import Any

#: django.contrib.auth's user model, as the journal's functions take it; kept loose so they stay easy
#: to call (the model is swappable and Django's own stubs type it as AbstractBaseUser).
User = Any

"""Type names shared by services, selectors and permissions."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

# Whoever makes a request: permissions and selectors answer for anyone.
Viewer = AbstractBaseUser | AnonymousUser
# Whoever makes a change: services record them as its author.
Actor = AbstractBaseUser

"""Django's admin app, on the portal's own site (onmt_portal/admin_site.py).

Kept apart from the site: INSTALLED_APPS loads this module before any model.
"""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "onmt_portal.admin_site.PortalAdminSite"

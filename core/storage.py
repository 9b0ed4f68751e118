"""Storage for confidential uploads (signed agreements): files with no public URL."""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files with no URL at all: a view that checks permissions must serve them."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")

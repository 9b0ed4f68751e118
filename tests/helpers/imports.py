"""The admin's import, as a browser does it: upload to a preview, then confirm."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

CSV, XLSX = "0", "1"


def upload(client, model, content: bytes, *, name="partners.csv", fmt=CSV):
    return client.post(
        f"/admin/partners/{model}/import/",
        {"format": fmt, "resource": "0", "import_file": SimpleUploadedFile(name, content)},
    )


def confirm(client, model, preview):
    html = preview.content.decode()
    assert 'name="import_file_name"' in html, "the preview offers no confirmation"
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken", None)
    return client.post(f"/admin/partners/{model}/process_import/", fields, follow=True)

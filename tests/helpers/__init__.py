"""What tests share, imported by name — never from conftest.py, never from another
test module: factories, the admin form reader, e-mails, Celery worker processes,
the browser, the URL walk."""

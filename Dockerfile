# The portal's production image: gunicorn (web), Celery worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app

# gettext for nothing at run time (catalogs are compiled in the repo);
# postgresql-client for `make backup` / `make restore` run inside the container;
# Pango, HarfBuzz and DejaVu fonts for WeasyPrint (the minutes PDF, Arabic included).
RUN apt-get update \
    && apt-get install --yes --no-install-recommends postgresql-client make \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml requirements.lock ./
COPY scripts/requirements.py scripts/requirements.py
RUN python scripts/requirements.py > /tmp/requirements.txt \
    && pip install --requirement /tmp/requirements.txt --constraint requirements.lock

COPY . .

# Static files are collected at build time and served by whitenoise; the
# values below exist only to let the production settings load here.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    DJANGO_SETTINGS_MODULE=onmt_portal.settings.production \
    python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --system --uid 10001 --home-dir /app portal \
    && mkdir -p /app/var/media /app/var/private \
    && chown -R portal /app/var

USER portal
ENV DJANGO_SETTINGS_MODULE=onmt_portal.settings.production
EXPOSE 8000
CMD ["gunicorn", "-c", "python:onmt_portal.gunicorn_conf", "onmt_portal.wsgi"]

"""Production settings: complete environment passes `check --deploy`, a missing secret refuses."""

import json
import os
import subprocess
import sys

from django.conf import settings

STRONG_KEY = "Xk3v9-qP2m!z7Lr4tB8wN1cY6hJ0sD5fG_eR2uV9iO3pA7kM4nQ8xZ1bC6yT0wE5"


def _manage(*args, env_overrides, remove=()):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in remove and not key.startswith(("DJANGO_", "SECRET_KEY", "ALLOWED_HOSTS"))
    }
    env.update({"DJANGO_SETTINGS_MODULE": "onmt_portal.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


COMPLETE = {
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "portail.onmt.example",
    "DATABASE_URL": "postgres://portal:secret@db:5432/portal",
}


def test_production_settings_pass_check_deploy_with_zero_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=COMPLETE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {key: value for key, value in COMPLETE.items() if key != "SECRET_KEY"}
    result = _manage("check", env_overrides=env, remove=("SECRET_KEY", "SECRET_KEY_FILE"))
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_database_url():
    env = {key: value for key, value in COMPLETE.items() if key != "DATABASE_URL"}
    result = _manage("check", env_overrides=env, remove=("DATABASE_URL", "DATABASE_URL_FILE"))
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {key: value for key, value in COMPLETE.items() if key != "ALLOWED_HOSTS"}
    result = _manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_secrets_can_come_from_files(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(STRONG_KEY)
    env = {key: value for key, value in COMPLETE.items() if key != "SECRET_KEY"}
    env["SECRET_KEY_FILE"] = str(key_file)
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(settings.SECRET_KEY == {STRONG_KEY!r})",
        env_overrides=env,
        remove=("SECRET_KEY",),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_portal_speaks_french_first_in_casablanca_time():
    assert settings.LANGUAGE_CODE == "fr"
    assert [code for code, _name in settings.LANGUAGES] == ["fr", "ar", "en"]
    assert settings.TIME_ZONE == "Africa/Casablanca"
    assert settings.USE_TZ is True


def test_celery_is_configured_to_never_lose_a_task():
    from onmt_portal.celery import app

    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    assert app.Task.max_retries == 5


def test_without_a_broker_celery_keeps_every_file_under_var_celery():
    # kombu's filesystem transport otherwise writes its exchange tables to ./control.
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; import json; "
        "print(json.dumps(settings.CELERY_BROKER_TRANSPORT_OPTIONS))",
        env_overrides={"DJANGO_SETTINGS_MODULE": "onmt_portal.settings.local"},
        remove=("CELERY_BROKER_URL",),
    )
    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout.strip().splitlines()[-1])
    celery_dir = str(settings.BASE_DIR / "var" / "celery")
    assert set(options) >= {"data_folder_in", "data_folder_out", "processed_folder"}
    assert options["control_folder"] == f"{celery_dir}/control"
    assert all(
        str(folder).startswith(celery_dir) for folder in options.values() if "/" in str(folder)
    )


def test_compose_binds_the_web_port_to_loopback_and_tells_the_portal_about_its_proxy():
    """The TLS proxy is the way in: the port stays on 127.0.0.1 unless WEB_BIND opens
    it, the portal knows one proxy appends the client's address, and gunicorn runs
    with the portal's own settings (calendar secrets redacted from its access log)."""
    from pathlib import Path

    from django.conf import settings

    compose = (Path(settings.BASE_DIR) / "docker-compose.yml").read_text()
    assert '"${WEB_BIND:-127.0.0.1}:${WEB_PORT:-8000}:8000"' in compose
    assert "TRUSTED_PROXY_COUNT: ${TRUSTED_PROXY_COUNT:-1}" in compose
    assert '"python:onmt_portal.gunicorn_conf"' in compose
    assert "0.0.0.0:${WEB_PORT" not in compose


def test_a_dead_workers_task_comes_back_just_after_the_longest_task_could_run():
    """Redis gives an unacknowledged task back after the visibility timeout: above
    every task's time limit (never while it may still run), yet minutes, not an
    hour; and no retry waits longer than it (Redis would hand the task out twice)."""
    from django.conf import settings

    from onmt_portal.celery import PortalTask, app

    app.loader.import_default_modules()
    limits = [
        task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        for name, task in app.tasks.items()
        if not name.startswith("celery.")
    ]
    visibility = settings.TASK_VISIBILITY_TIMEOUT
    assert max(limits) < visibility <= max(limits) + 120
    assert visibility <= 15 * 60
    assert PortalTask.retry_backoff_max < visibility
    assert visibility > settings.OUTBOX_LEASE_SECONDS


def test_a_web_worker_freezes_the_application_out_of_garbage_collection(monkeypatch):
    import gc

    from onmt_portal import gunicorn_conf

    threshold = gc.get_threshold()
    monkeypatch.setenv("GC_THRESHOLD", "12345")
    try:
        gunicorn_conf.post_worker_init(worker=None)
        assert gc.get_freeze_count() > 10_000  # the modules, URL patterns, settings…
        assert gc.get_threshold()[0] == 12345
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)

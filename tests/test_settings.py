"""Production settings: strict about secrets, clean under `check --deploy`."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "PATH": os.environ["PATH"],
    "SECRET_KEY": "x" * 30 + "-production-secret-key-for-the-test-0123456789",
    "ALLOWED_HOSTS": "poles.example.org",
    "TRUSTED_PROXIES": "1",  # behind one TLS proxy, as the README deploys it
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_without_its_proxy_counted_is_warned_of():
    # Behind the README's proxy with TRUSTED_PROXIES=0, every login came from the proxy's
    # address: ten failures locked the whole site.
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "TRUSTED_PROXIES"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "accounts.W001" in result.stderr and "TRUSTED_PROXIES is 0" in result.stderr


def test_a_negative_proxy_count_is_refused():
    result = manage("check", env={**PRODUCTION_ENV, "TRUSTED_PROXIES": "-1"})
    assert result.returncode != 0
    assert "TRUSTED_PROXIES must be 0 or more" in result.stderr


def start_wsgi(env):
    """What gunicorn does first: import the WSGI application."""
    return subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )


def test_production_serves_with_its_settings():
    assert start_wsgi(PRODUCTION_ENV).returncode == 0


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = start_wsgi(env)
    assert result.returncode != 0
    # Django's own refusal for an empty key; ours for a short one (below).
    assert "SECRET_KEY setting must not be empty" in result.stderr
    assert manage("check", "--deploy", "--fail-level", "WARNING", env=env).returncode != 0


def test_production_refuses_a_short_secret_key():
    result = start_wsgi({**PRODUCTION_ENV, "SECRET_KEY": "too-short"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set (50+ characters)" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = start_wsgi(env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_commands_that_serve_nothing_run_without_any_setting():
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = manage("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stderr


def test_a_boolean_setting_refuses_other_words():
    result = manage("check", env={**PRODUCTION_ENV, "DEBUG": "yes"})
    assert result.returncode != 0
    assert "DEBUG must be True or False" in result.stderr


def test_production_cookies_go_over_https_only_the_language_s_too():
    show = ("from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE)")
    result = subprocess.run(
        [sys.executable, "-c", show],
        cwd=settings.BASE_DIR, env=PRODUCTION_ENV, capture_output=True, text=True, timeout=120,
    )
    assert result.stdout.split() == ["True", "True", "True"], result.stderr

"""Run `manage.py email_worker` in a subprocess against the test database of the parent test.

    python -m tests.emails.worker_main [email_worker options]

Environment: SIRIUS_TEST_DATABASE_NAME (the test database), SIRIUS_TEST_SMTP_PORT (the test SMTP
server on 127.0.0.1), and the SIRIUS_EMAIL_* settings.
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = os.environ["SIRIUS_TEST_DATABASE_NAME"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = int(os.environ["SIRIUS_TEST_SMTP_PORT"])
    settings.EMAIL_TIMEOUT = 5
    django.setup()
    from django.core.management import call_command

    call_command("email_worker", *sys.argv[1:])


if __name__ == "__main__":
    main()

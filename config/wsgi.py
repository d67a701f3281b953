import os

from django.core.wsgi import get_wsgi_application

from .serving import require_serving_settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
require_serving_settings()
application = get_wsgi_application()

"""A cap on the size of every multipart body (file uploads), checked before it is read.

DATA_UPLOAD_MAX_MEMORY_SIZE bounds form fields but not files: without this, a large upload is
streamed to disk in full before any view can refuse it. A view that takes larger files says so
in its `max_body_bytes` attribute (read from the resolved view before it runs: the CSRF check
reads the body first).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


def body_limit(request) -> int:
    match = getattr(request, "resolver_match", None)
    return getattr(match and match.func, "max_body_bytes", settings.MAX_REQUEST_BODY_BYTES)


class BodySizeLimit(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > body_limit(self.request):
            raise RequestDataTooBig("Request body exceeded its cap (config.uploads.body_limit).")

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # the next handler keeps the file

    def file_complete(self, file_size):
        return None
